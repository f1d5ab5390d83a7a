import { Text } from 'ink';

export interface ProgressBarProps {
  /** 0..1; values outside are clamped. */
  fraction: number;
  /** Cells of the bar itself (the percentage follows). */
  width?: number;
  color: boolean;
}

export function progressBarText(fraction: number, width: number): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const filled = Math.round(clamped * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${Math.floor(clamped * 100)
    .toString()
    .padStart(3)}%`;
}

export function ProgressBar({ fraction, width = 40, color }: ProgressBarProps) {
  return <Text {...(color ? { color: 'cyan' } : {})}>{progressBarText(fraction, width)}</Text>;
}
