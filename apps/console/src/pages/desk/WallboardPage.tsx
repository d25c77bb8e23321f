import { Card, Col, Flex, Row, Skeleton, Statistic, Tooltip, Typography, Alert } from 'antd';
import { LoadingOutlined } from '@ant-design/icons';
import { PageHeader } from '../../components/PageHeader';
import { formatClock } from '../../format';
import { ConnectionBadge } from './ConnectionBadge';
import { useDeskT } from './desk.i18n';
import './desk.css';
import { formatElapsed } from './deskLabels';
import { PresenceChart } from './PresenceChart';
import { useDeskSocket } from './useDeskSocket';
import { useNow } from './useNow';
import { WallboardAgents } from './WallboardAgents';
import { WallboardCampaigns } from './WallboardCampaigns';

/** Above this share of answered calls abandoned, the rate turns red (the regulator's line is 3 %). */
const ABANDON_LIMIT_PCT = 3;
/** Updates come every second; none for this long and the figures are marked as late. */
const STALE_MS = 5000;

/** /wallboard: the supervisor's live view of the floor, from the server's `wallboard.update` each second. */
export default function WallboardPage() {
  const t = useDeskT();
  const { connection, wallboard, wallboardReceivedAt } = useDeskSocket();
  const now = useNow(1000);
  // the server's clock, carried on locally between updates: times in state tick without skew
  const serverNow = wallboard && wallboardReceivedAt ? Date.parse(wallboard.at) + (now - wallboardReceivedAt) : now;
  const stale = connection === 'connected' && wallboardReceivedAt !== null && now - wallboardReceivedAt > STALE_MS;
  const live = connection === 'connected' && !stale && wallboard !== null;

  const badge = (
    <Flex align="center" gap={12}>
      {live ? (
        <Flex align="center" gap={6} data-testid="wallboard-live">
          <span className="desk-dot desk-dot--on" aria-hidden />
          <Typography.Text strong>{t('wallboard.live')}</Typography.Text>
          <Typography.Text type="secondary" className="num" style={{ fontSize: 12 }}>
            {t('wallboard.updatedAt', { time: formatClock(wallboard.at) })}
          </Typography.Text>
        </Flex>
      ) : stale ? (
        <Flex align="center" gap={6} data-testid="wallboard-stale">
          <span className="desk-dot desk-dot--stale" aria-hidden />
          <Typography.Text type="warning">{t('wallboard.stale', { time: wallboard ? formatClock(wallboard.at) : '—' })}</Typography.Text>
        </Flex>
      ) : (
        <ConnectionBadge connection={connection} />
      )}
    </Flex>
  );

  const rate = wallboard?.today.abandonRatePct ?? 0;
  const over = rate > ABANDON_LIMIT_PCT;

  return (
    <div className="wallboard" data-testid="wallboard">
      <PageHeader title={t('wallboard.title')} subtitle={t('wallboard.subtitle')} extra={badge} />
      {connection === 'reconnecting' ? (
        <Alert className="desk-banner" type="warning" showIcon icon={<LoadingOutlined />} data-testid="desk-reconnecting" title={t('desk.reconnecting')} description={t('wallboard.reconnectingHint')} />
      ) : null}
      {connection === 'refused' ? <Alert className="desk-banner" type="error" showIcon role="alert" title={t('desk.refused')} description={t('desk.refusedHint')} /> : null}
      {!wallboard ? (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : (
        <Flex vertical gap={12} className={stale || connection !== 'connected' ? 'wallboard--stale' : undefined}>
          <Row gutter={[12, 12]}>
            <Col flex="1">
              <Card size="small" className="wallboard-stat">
                <Statistic title={t('wallboard.stat.inProgress')} value={wallboard.callsInProgress} data-testid="stat-in-progress" />
              </Card>
            </Col>
            <Col flex="1">
              <Card size="small" className="wallboard-stat">
                <Statistic
                  title={t('wallboard.stat.queue')}
                  value={wallboard.queue.waiting}
                  suffix={
                    wallboard.queue.waiting ? (
                      <Typography.Text type="secondary" className="wallboard-stat__suffix">
                        {t('wallboard.stat.longest', { time: formatElapsed(wallboard.queue.longestWaitSeconds) })}
                      </Typography.Text>
                    ) : null
                  }
                  data-testid="stat-queue"
                />
              </Card>
            </Col>
            <Col flex="1">
              <Card size="small" className="wallboard-stat">
                <Statistic title={t('wallboard.stat.connected')} value={wallboard.today.connected} data-testid="stat-connected" />
              </Card>
            </Col>
            <Col flex="1">
              <Card size="small" className="wallboard-stat">
                <Statistic title={t('wallboard.stat.abandoned')} value={wallboard.today.abandoned} data-testid="stat-abandoned" />
              </Card>
            </Col>
            <Col flex="1">
              <Card size="small" className={`wallboard-stat${over ? ' wallboard-stat--alarm' : ''}`}>
                <Tooltip title={t('wallboard.stat.abandonRateHint', { limit: ABANDON_LIMIT_PCT, answered: wallboard.today.answered })}>
                  <Statistic
                    title={t('wallboard.stat.abandonRate')}
                    value={`${rate.toFixed(1)}%`}
                    styles={{ content: { color: over ? '#cf1322' : undefined } }}
                    data-testid="stat-abandon-rate"
                    data-over={over}
                  />
                </Tooltip>
              </Card>
            </Col>
            <Col flex="1">
              <Card size="small" className="wallboard-stat">
                <Statistic title={t('wallboard.stat.handled')} value={wallboard.today.handled} data-testid="stat-handled" />
              </Card>
            </Col>
            <Col flex="1">
              <Card size="small" className="wallboard-stat">
                <Statistic
                  title={t('wallboard.stat.handoffs')}
                  value={wallboard.today.handoffs}
                  data-testid="stat-handoffs"
                  suffix={
                    wallboard.today.handoffsMissed ? (
                      <Tooltip title={t('wallboard.stat.handoffsMissedHint')}>
                        <span className="wallboard-stat__missed" data-testid="stat-handoffs-missed">
                          {t('wallboard.stat.handoffsMissed', { n: wallboard.today.handoffsMissed })}
                        </span>
                      </Tooltip>
                    ) : null
                  }
                />
              </Card>
            </Col>
          </Row>
          <Row gutter={[12, 12]} wrap={false}>
            <Col flex="auto" style={{ minWidth: 0 }}>
              <Card size="small" title={t('wallboard.agents.title', { n: wallboard.agents.length })}>
                <WallboardAgents wallboard={wallboard} serverNow={serverNow} />
              </Card>
            </Col>
            <Col flex="340px">
              <Flex vertical gap={12}>
                <Card size="small" title={t('wallboard.presence.title')}>
                  <PresenceChart counts={wallboard.presenceCounts} />
                </Card>
                <Card size="small" title={t('wallboard.campaigns.title')}>
                  <WallboardCampaigns campaigns={wallboard.campaigns} />
                </Card>
              </Flex>
            </Col>
          </Row>
        </Flex>
      )}
    </div>
  );
}
