import { ApiProperty } from '@nestjs/swagger';
import type { MySessionRecord } from './my-sessions.service.js';
import {
  ATTENDANCE_STATUSES,
  LECTURE_KINDS,
  REPORT_KINDS,
  type AttendanceStatus,
  type LectureKind,
  type ReportKind,
  type SessionStatus,
} from './session.vocabulary.js';

export class MySpeechResponse {
  topic: string;
}

export class MyLectureResponse {
  @ApiProperty({ enum: LECTURE_KINDS })
  kind: LectureKind;

  title: string;
}

export class MyReportResponse {
  @ApiProperty({ enum: REPORT_KINDS, description: '三汇报' })
  kind: ReportKind;
}

/** One session as the caller took part in it (我的组织生活). */
export class MySessionRecordResponse implements MySessionRecord {
  @ApiProperty({ format: 'uuid' })
  sessionId: string;

  branchName: string;

  @ApiProperty({ example: '2026-12' })
  month: string;

  @ApiProperty({ enum: ['scheduled', 'recorded', 'summarized', 'closed'] })
  status: SessionStatus;

  scheduledAt: Date;

  heldAt: Date | null;

  place: string | null;

  @ApiProperty({
    enum: ATTENDANCE_STATUSES,
    description: '出席/请假/迟到/缺席; null until the session is recorded',
  })
  attendance: AttendanceStatus | null;

  leaveReason: string | null;

  @ApiProperty({ type: Date, description: '会前自学 confirmed at' })
  selfStudyConfirmedAt: Date | null;

  @ApiProperty({ type: [MySpeechResponse], description: '交流发言' })
  speeches: MySpeechResponse[];

  @ApiProperty({ type: [MyLectureResponse], description: '党课 given' })
  lectures: MyLectureResponse[];

  @ApiProperty({ type: [MyReportResponse], description: '汇报' })
  reports: MyReportResponse[];
}

export class MySessionsResponse {
  @ApiProperty({ example: 2026 })
  year: number;

  sessions: MySessionRecordResponse[];
}
