/** One page of a list answer. Pure types: the console shares them. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
