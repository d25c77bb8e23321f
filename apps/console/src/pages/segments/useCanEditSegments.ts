import { useAuth } from '../../auth';
import { SEGMENT_ROLES } from './segmentLabels';

/** Whether the signed-in user may create, change, refresh and delete segments (the server checks too). */
export function useCanEditSegments(): boolean {
  const { hasRole } = useAuth();
  return hasRole(...SEGMENT_ROLES.edit);
}
