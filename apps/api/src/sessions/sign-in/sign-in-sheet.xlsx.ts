import { exceljs } from '../../common/exceljs.js';
import type { PlaceStatus } from './sign-in.entity.js';
import type { SignInResponse, SignInSheetResponse } from './sign-in.response.js';

const PLACE_LABELS: Record<PlaceStatus, string> = {
  none: '—',
  verified: '已核对',
  declined: '未提供位置，待书记确认',
  confirmed: '书记已确认',
};

const beijing = (d: Date | string) =>
  new Date(new Date(d).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

function place(s: SignInResponse): string {
  const label = PLACE_LABELS[s.placeStatus];
  return s.placeStatus === 'verified' && s.distanceM != null
    ? `${label}（${s.distanceM}米）`
    : label;
}

/** The 签到表 as a workbook: every member, signed in first (by time), then those who did not. */
export async function signInSheetWorkbook(sheet: SignInSheetResponse): Promise<Buffer> {
  const workbook = new (await exceljs()).Workbook();
  const ws = workbook.addWorksheet('签到表');
  ws.addRow([`${sheet.branchName} 组织生活签到表`]);
  ws.addRow([
    `时间：${beijing(sheet.scheduledAt)}`,
    `地点：${sheet.place ?? ''}`,
    `应到 ${sheet.expected} 人，实到 ${sheet.signIns.length} 人`,
  ]);
  ws.addRow(['序号', '姓名', '签到时间', '状态', '方式', '代签人', '代签原因', '位置核对']);
  ws.getRow(3).font = { bold: true };
  const signed = new Set(sheet.signIns.map((s) => s.personId));
  let n = 0;
  for (const s of sheet.signIns) {
    ws.addRow([
      ++n,
      s.name,
      beijing(s.signedAt),
      s.late ? '迟到' : '出席',
      s.method === 'proxy' ? '代签' : '扫码签到',
      s.proxyByName ?? '',
      s.proxyReason ?? '',
      place(s),
    ]);
  }
  for (const m of sheet.members.filter((x) => !signed.has(x.id))) {
    ws.addRow([++n, m.name, '', '未签到', '', '', '', '']);
  }
  [6, 12, 18, 8, 10, 10, 24, 22].forEach((width, i) => (ws.getColumn(i + 1).width = width));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
