import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldError {
  @ApiProperty({ example: 'username' })
  field: string;

  @ApiProperty({ example: 'username should not be empty' })
  message: string;
}

/** A BPMN or domain problem, e.g. from the engine's `compile`. */
export class ElementProblem {
  @ApiPropertyOptional()
  elementId?: string;

  @ApiPropertyOptional()
  line?: number;

  @ApiProperty()
  message: string;
}

/** The one error shape of the API (RFC 9457 problem details). */
export class Problem {
  @ApiProperty({ example: 'about:blank' })
  type: string;

  @ApiProperty({ example: 'Bad Request' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiProperty({ example: 'username: username should not be empty' })
  detail: string;

  @ApiPropertyOptional({ type: [FieldError] })
  errors?: FieldError[];

  @ApiPropertyOptional({ type: [ElementProblem] })
  problems?: ElementProblem[];
}
