import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class RefreshTokenDto {
  @ApiProperty({ description: 'the refresh token from sign-in or the last refresh' })
  @IsString() @Length(1, 200)
  refreshToken!: string;
}
