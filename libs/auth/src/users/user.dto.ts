import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { ROLES, type Role } from '@app/contracts';
import { OptionalNotNull } from '@app/core';


export class CreateUserDto {
  @ApiProperty({ example: 'agent01' })
  @IsString() @Matches(/^[A-Za-z0-9_.-]{3,64}$/, { message: 'username must be 3–64 letters, digits, dot, dash or underscore' })
  username!: string;

  @ApiPropertyOptional({ example: '王芳' })
  @IsOptional() @IsString() @MaxLength(100)
  displayName?: string;

  @ApiProperty()
  @IsString() @Length(8, 128)
  password!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ example: 'BR001' })
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9]{1,20}$/, { message: 'branchCode must be 1–20 letters or digits' })
  branchCode?: string;

  @ApiPropertyOptional({ example: ['loans', 'online_banking'] })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(50, { each: true })
  skills?: string[];
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional()
  @OptionalNotNull() @IsString() @Length(8, 128)
  password?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @OptionalNotNull() @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9]{0,20}$/, { message: 'branchCode must be up to 20 letters or digits' })
  branchCode?: string;

  @ApiPropertyOptional()
  @OptionalNotNull() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(50, { each: true })
  skills?: string[];

  @ApiPropertyOptional()
  @OptionalNotNull() @IsBoolean()
  disabled?: boolean;
}

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString() @Length(1, 64)
  username!: string;

  @ApiProperty()
  @IsString() @Length(1, 128)
  password!: string;
}
