/**
 * The simulator reproduces the chip side of ICAO 9303-11 worked examples byte for byte:
 * App. D.3 (BAC mutual authentication), D.4 (3DES secure messaging: SELECT + READ BINARY of EF.COM) and
 * App. G.1 (PACE ECDH-GM, brainpoolP256r1, AES-128), with the appendix's chip randoms fed through the rng.
 */
import { describe, expect, it } from 'vitest';
import { fromHex, hex } from '../../../src/card/apdu';
import { SecureMessaging } from '../../../src/card/sm/secureMessaging';
import { SimulatedCccd } from '../../../src/sim/applet/cccdApplet';
import { scriptedRng } from '../../../src/sim/applet/scriptedRng';
import { FID, type SimProfile } from '../../../src/sim/profile/types';

const EF_COM_D4 = fromHex('60145F0104303130365F36063034303030305C026175');

function appendixDProfile(): SimProfile {
  return {
    label: 'ICAO 9303-11 App. D',
    files: new Map([[FID.COM, EF_COM_D4]]),
    protectedFids: [],
    // App. D.2: document number L898902C<, DOB 690806, expiry 940623 with their check digits.
    mrzInformation: 'L898902C<369080619406236',
    can: null,
    pace: false,
  };
}

function appendixG1Profile(): SimProfile {
  return {
    label: 'ICAO 9303-11 App. G.1',
    // PACEInfo id-PACE-ECDH-GM-AES-CBC-CMAC-128, version 2, parameter id 13 (brainpoolP256r1).
    files: new Map([[FID.CARD_ACCESS, fromHex('31143012060A04007F0007020204020202010202010D')]]),
    protectedFids: [],
    // App. G.1 password: MRZ of document T22000129, born 640812, expiring 101031.
    mrzInformation: 'T22000129364081251010318',
    can: null,
    pace: true,
  };
}

const tx = (card: SimulatedCccd, capdu: string) => hex(card.transmit(fromHex(capdu)));

describe('ICAO 9303-11 App. D reproduced by the simulated chip', () => {
  it('answers GET CHALLENGE and EXTERNAL AUTHENTICATE (D.3) with the appendix bytes', () => {
    const card = new SimulatedCccd(appendixDProfile(), {
      rng: scriptedRng([fromHex('4608F91988702212'), fromHex('0B4F80323EB3191CB04970CB4052790B')]),
    });
    expect(tx(card, '00A4040C07A0000002471001')).toBe('9000');
    expect(tx(card, '0084000008')).toBe('4608F919887022129000');
    expect(tx(card, '008200002872C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A728')).toBe(
      '46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D74499000',
    );
    expect(card.secureMessagingActive).toBe(true);

    // D.4: SELECT EF.COM and two READ BINARY commands under the session keys, SSC 887022120C06C226.
    expect(tx(card, '0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800')).toBe('990290008E08FA855A5D4C50A8ED9000');
    expect(tx(card, '0CB000000D9701048E08ED6705417E96BA5500')).toBe('8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000');
    expect(tx(card, '0CB000040D9701128E082EA28A70F3C7B53500')).toBe(
      '871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000',
    );
  });

  it('refuses the D.3 cryptogram under a different MRZ key with 6300 and no session', () => {
    const profile = { ...appendixDProfile(), mrzInformation: 'L898902C<369080619406244' };
    const card = new SimulatedCccd(profile, { rng: scriptedRng([fromHex('4608F91988702212')]) });
    expect(tx(card, '00A4040C07A0000002471001')).toBe('9000');
    expect(tx(card, '0084000008')).toBe('4608F919887022129000');
    expect(tx(card, '008200002872C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A728')).toBe('6300');
    expect(card.secureMessagingActive).toBe(false);
  });
});

describe('ICAO 9303-11 App. G.1 reproduced by the simulated chip', () => {
  const chipRandoms = [
    fromHex('3F00C4D39D153F2B2A214A078D899B22'), // nonce s
    fromHex('498FF49756F2DC1587840041839A85982BE7761D14715FB091EFA7BCE9058560'), // SK_map,IC
    fromHex('107CF58696EF6155053340FD633392BA81909DF7B9706F226F32086C7AFF974A'), // SK_DH,IC
  ];

  it('answers MSE:Set AT and the four GENERAL AUTHENTICATE steps with the appendix bytes', () => {
    const card = new SimulatedCccd(appendixG1Profile(), { rng: scriptedRng(chipRandoms) });
    expect(tx(card, '0022C1A40F800A04007F00070202040202830101')).toBe('9000');
    expect(tx(card, '10860000027C0000')).toBe('7C12801095A3A016522EE98D01E76CB6B98B42C39000');
    expect(
      tx(
        card,
        '10860000457C438141047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D00',
      ),
    ).toBe(
      '7C43824104824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F5730D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C549000',
    );
    expect(
      tx(
        card,
        '10860000457C438341042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB3646200',
      ),
    ).toBe(
      '7C438441049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F0949000',
    );
    expect(tx(card, '008600000C7C0A8508C2B0BD78D94BA86600')).toBe('7C0A86083ABB9674BCE93C089000');
    expect(card.secureMessagingActive).toBe(true);

    // The session uses the appendix's KS_enc / KS_mac with SSC 0: a command protected with them is accepted.
    const reader = new SecureMessaging('AES', fromHex('F5F0E35C0D7161EE6724EE513A0D9A7F'), fromHex('FE251C7858B356B24514B3BD5F4297D1'), new Uint8Array(16));
    const select = reader.wrapCommand({ cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x0c, data: fromHex('A0000002471001') });
    const r = reader.unwrapResponse(card.transmit(select));
    expect(r.sw).toBe(0x9000);
  });

  it('answers a wrong terminal token (wrong password on the reader side) with 6300 and no session', () => {
    const card = new SimulatedCccd(appendixG1Profile(), { rng: scriptedRng(chipRandoms) });
    tx(card, '0022C1A40F800A04007F00070202040202830101');
    tx(card, '10860000027C0000');
    tx(card, '10860000457C438141047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D00');
    tx(card, '10860000457C438341042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB3646200');
    expect(tx(card, '008600000C7C0A8508C2B0BD78D94BA86700')).toBe('6300');
    expect(card.secureMessagingActive).toBe(false);
  });
});
