/**
 * EF.CardAccess of a real CCCD (cccd.md §1.2, the `keyAccessDataNFCIos` constant): SET {
 *   TerminalAuthenticationInfo v1, ChipAuthenticationInfo id-CA-ECDH-AES-CBC-CMAC-128 v1,
 *   PACEInfo id-PACE-ECDH-GM-AES-CBC-CMAC-128 v2 parameterId 13 (brainpoolP256r1) }.
 */
import { bytesFromHex } from '../../card/asn1/derEncode';

export const CCCD_CARD_ACCESS_HEX =
  '3134300d060804007f0007020202020101300f060a04007f000702020302020201013012060a04007f0007020204020202010202010d';

export function cccdCardAccess(): Uint8Array {
  return bytesFromHex(CCCD_CARD_ACCESS_HEX);
}
