import { PAPER_ONLY_BROKERS } from '../../src-shared/broker-view';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { PaperBroker } from '../../src-main/adapters/paper-broker';
import { BotController } from '../../src-main/controller/bot-controller';
import { buildBotState, type StateInputs } from '../../src-main/controller/state-builder';
import { startBridgeServer } from '../../src-main/headless/bridge-server';
import { openStore } from '../../src-main/store';
import { defaultConfig } from '../../src-shared/config-schema';
import type { Position } from '../../src-shared/positions';
import { WS_PATH } from '../../src-shared/ws-protocol';
import { makeBar, RecordingFeed } from '../helpers/recording-feed';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function inputsWith100Positions(): StateInputs {
  const positions: Position[] = Array.from({ length: 100 }, (_, i) => ({
    id: `p${i}`,
    ticker: `T${i}`,
    instrumentType: 'stock',
    tradeType: 'day',
    direction: 'long',
    quantity: 100 + i,
    entryPrice: 100 + i,
    currentPrice: 101 + i,
    entryTime: 1_764_000_000_000,
    unrealizedPnl: 100,
    unrealizedPnlPct: 1,
    stopPrice: 95 + i,
    targetPrice: 110 + i,
    cloudAligned: true,
    timeframe: '5m',
    leverage: 1,
    underlying: null,
    signalId: null,
    signalType: null,
    conviction: null,
    realizedPnl: 0,
  }));
  return {
    status: 'paper',
    statusReason: null,
    brokers: PAPER_ONLY_BROKERS,
    executionMode: 'paper',
    instrumentMode: 'both',
    sessionId: 'S-bench',
    startedAtWall: 0,
    wallNow: 60_000,
    equity: 52_341,
    startingEquity: 50_000,
    realizedPnl: 1200,
    openPositions: positions,
    openScalps: [],
    pendingSignals: [],
    winningTrades: 7,
    losingTrades: 5,
    scratchTrades: 0,
    peakEquityToday: 52_500,
    maxDrawdownToday: -0.018,
    lastSignalTime: null,
    lastTradeTime: null,
    activeBroker: 'Paper',
    dataFeedStatus: 'connected',
    errors: [],
    marketClock: { now: 0, phase: 'open', sessionDate: '2026-11-24', nextOpen: null, nextClose: null, speed: 30 },
    simulated: true,
    dailyLossLimitPct: 3,
  };
}

/** Building and serialising BotState with 100 positions (median of 2000). */
function benchBuild(): number {
  const inputs = inputsWith100Positions();
  const samples: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const t = performance.now();
    JSON.stringify(buildBotState(inputs));
    samples.push(performance.now() - t);
  }
  return median(samples);
}

/**
 * Kill latency (call → gateway refuses entries, kill state committed with synchronous=FULL)
 * and push latency (a feed bar after a quiet window → the dashboard snapshot at a real
 * WebSocket client of the headless bridge), on a real store file.
 */
async function benchControllerPaths(): Promise<{ killMs: number; pushMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'axion-bench-'));
  const store = openStore(join(dir, 'data'));
  const feed = new RecordingFeed();
  const controller = new BotController({
    store,
    config: defaultConfig(),
    clock: { now: () => Date.UTC(2026, 10, 24, 15) },
    wallClock: Date.now,
    feed,
    broker: new PaperBroker({ startingEquity: 50_000 }),
    describeClock: (now) => ({
      now,
      phase: 'open',
      sessionDate: '2026-11-24',
      nextOpen: null,
      nextClose: null,
      speed: 0,
    }),
  });
  writeFileSync(join(dir, 'index.html'), '');
  const server = await startBridgeServer({ surface: controller, rendererDir: dir });
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}${WS_PATH}?token=${server.token}`);
  await new Promise((r) => ws.once('open', r));
  try {
    const pushes: number[] = [];
    const killSamples: number[] = [];
    for (let i = 0; i < 20; i++) {
      await controller.execute('start', { executionMode: 'paper' });
      const t = performance.now();
      await controller.execute('kill', { closeDayTrades: true, flattenAll: false });
      if (controller.entriesAllowed()) throw new Error('kill did not block the gateway');
      killSamples.push(performance.now() - t);
      await controller.execute('resetKill', { reason: 'bench' });
      await controller.execute('stop', {});
    }
    await controller.execute('start', { executionMode: 'paper' });
    ws.on('message', (d) => {
      if (d.toString().startsWith('{"kind":"push","push":"dashboard"')) pushes.push(performance.now());
    });
    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 300)); // a quiet window, so the next change goes out at once
      pushes.length = 0;
      const t = performance.now();
      feed.bar(makeBar({ time: Date.UTC(2026, 10, 24, 14, 30 + i) }));
      while (pushes.length === 0) await new Promise((r) => setImmediate(r));
      latencies.push(pushes[0]! - t);
    }
    return { killMs: median(killSamples), pushMs: median(latencies) };
  } finally {
    ws.close();
    await server.close();
    await controller.shutdown();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchSnapshot(): Promise<{
  buildSerializeMs: number;
  killGatewayBlockedMs: number;
  pushLatencyMs: number;
}> {
  const buildSerializeMs = benchBuild();
  const { killMs, pushMs } = await benchControllerPaths();
  return { buildSerializeMs, killGatewayBlockedMs: killMs, pushLatencyMs: pushMs };
}
