import { Tag } from 'antd';

/** A yes/no flag as a coloured tag with the caller's words (已开通/未开通, 已授权/未授权…). */
export function BoolTag({ value, yes, no }: { value: boolean | null | undefined; yes: string; no: string }) {
  return value ? (
    <Tag color="success" variant="outlined">
      {yes}
    </Tag>
  ) : (
    <Tag variant="outlined">{no}</Tag>
  );
}
