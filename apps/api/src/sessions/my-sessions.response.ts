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

class MySpeechResponse {
  @ApiProperty()
  topic: string;
}

class MyLectureResponse {
  @ApiProperty({ enum: LECTURE_KINDS })
  kind: LectureKind;

  @ApiProperty()
  title: string;
}

class MyReportResponse {
  @ApiProperty({ enum: REPORT_KINDS, description: '三汇报' })
  kind: ReportKind;
}

/** One session as the caller took part in it (我的组织生活). */
export class MySessionRecordResponse implements MySessionRecord {
  @ApiProperty({ format: 'uuid' })
  sessionId: string;

  @ApiProperty()
  branchName: string;

  @ApiProperty({ example: '2026-12' })
  month: string;

  @ApiProperty({ enum: ['scheduled', 'recorded', 'summarized', 'closed'] })
  status: SessionStatus;

  @ApiProperty()
  scheduledAt: Date;

  @ApiProperty({ type: Date, nullable: true })
  heldAt: Date | null;

  @ApiProperty({ type: String, nullable: true })
  place: string | null;

  @ApiProperty({
    enum: ATTENDANCE_STATUSES,
    nullable: true,
    description: '出席/请假/迟到/缺席; null until the session is recorded',
  })
  attendance: AttendanceStatus | null;

  @ApiProperty({ type: String, nullable: true })
  leaveReason: string | null;

  @ApiProperty({ type: Date, nullable: true, description: '会前自学 confirmed at' })
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

  @ApiProperty({ type: [MySessionRecordResponse] })
  sessions: MySessionRecordResponse[];
}
