/** Grades of the quarterly 先锋创绩 comment. */
export const VANGUARD_GRADES = ['excellent', 'good', 'fair', 'poor'] as const;
export type VanguardGrade = (typeof VANGUARD_GRADES)[number];
