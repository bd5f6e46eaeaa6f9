import type { LecturerLedgerRow, MemberLedgerRow } from '@/api/ledger';
import type { Quota } from './QuotaList.vue';

type T = (key: string) => string;

/** A member's year in figures: speeches, lectures, reports, comments, attendance. */
export function memberQuotas(row: MemberLedgerRow, t: T): Quota[] {
  const rate = row.attendanceRate === null ? '—' : `${Math.round(row.attendanceRate * 100)}%`;
  return [
    {
      label: t('session.speeches'),
      value: row.exchangeSpeeches,
      requirement: 'member.exchange_speech',
    },
    { label: t('me.microLectures'), value: row.microLectures, requirement: 'member.micro_lecture' },
    { label: t('session.reports'), value: row.reports },
    {
      label: t('ledger.vanguard'),
      value: row.vanguardComments,
      requirement: 'member.vanguard_comment',
    },
    { label: t('attendanceStatus.present'), value: row.attended },
    { label: t('attendanceStatus.leave'), value: row.leaves },
    { label: t('attendanceStatus.absent'), value: row.absences },
    { label: t('ledger.attendanceRate'), value: rate },
  ];
}

/** A committee secretary's or a school leader's special lectures. */
export function lecturerQuotas(row: LecturerLedgerRow, requirement: string, t: T): Quota[] {
  return [{ label: t('ledger.specialLectures'), value: row.lectures, requirement }];
}
