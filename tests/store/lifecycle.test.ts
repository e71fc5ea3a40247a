import { describe, it, expect } from 'vitest';
import { canEdit, canTransition, statusAfterEdit } from '../../src/store/lifecycle';

describe('lifecycle', () => {
  it('allows the forward path, reprints and reopening a completed dossier', () => {
    expect(canTransition('draft', 'completed')).toBe(true);
    expect(canTransition('completed', 'printed')).toBe(true);
    expect(canTransition('printed', 'printed')).toBe(true);
    expect(canTransition('printed', 'handed_over')).toBe(true);
    expect(canTransition('handed_over', 'purged')).toBe(true);
    expect(canTransition('completed', 'draft')).toBe(true);
  });
  it('rejects skipping steps, going back after hand-over and leaving purged', () => {
    expect(canTransition('draft', 'printed')).toBe(false);
    expect(canTransition('draft', 'handed_over')).toBe(false);
    expect(canTransition('handed_over', 'printed')).toBe(false);
    expect(canTransition('purged', 'draft')).toBe(false);
    expect(canTransition('purged', 'purged')).toBe(false);
  });
  it('edits: allowed until hand-over; a printed dossier goes back to completed', () => {
    expect(canEdit('draft') && canEdit('completed') && canEdit('printed')).toBe(true);
    expect(canEdit('handed_over') || canEdit('purged')).toBe(false);
    expect(statusAfterEdit('printed')).toBe('completed');
    expect(statusAfterEdit('draft')).toBe('draft');
  });
});
