import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { CloudChart } from '../../src-renderer/charts/cloud-chart';
import { syntheticChartData } from '../../src-renderer/charts/cloud-fixture';

afterEach(cleanup);

it('mounts without drawing where there is no 2D canvas (jsdom), and still follows its bar stream', async () => {
  const off = vi.fn();
  const subscribe = vi.fn(() => off);
  const view = render(<CloudChart data={syntheticChartData(300)} updates={{ subscribe }} />);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(screen.getByTestId('cloud-chart').querySelector('canvas')).toBeNull();
  expect(subscribe).toHaveBeenCalledTimes(1);
  view.unmount();
  expect(off).toHaveBeenCalledTimes(1);
});
