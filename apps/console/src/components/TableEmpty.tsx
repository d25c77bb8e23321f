import { Empty } from 'antd';

/** A table's empty state: blank while loading or failed (the spinner or alert says it), else the empty message. */
export function tableEmpty(loading: boolean, error: unknown, description: string, height = 80) {
  return loading || error ? <div style={{ height }} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} />;
}
