// Logs toolbar choices: history ranges as logs.open arguments, download file names.
import { describe, expect, it } from 'vitest';
import { logsRequest } from '../../../src-main/contract/methods/streams';
import {
  LOG_RANGES,
  isLogRange,
  logFileName,
  rangeRequest,
} from '../../../src-renderer/src/components/logs/log-options';

describe('log ranges', () => {
  it('turns each range into valid logs.open arguments', () => {
    expect(rangeRequest('tail-1000')).toEqual({ tail: 1000 });
    expect(rangeRequest('since-10m')).toEqual({ since: '10m' });
    expect(rangeRequest('all')).toEqual({});
    for (const { value } of LOG_RANGES) {
      expect(logsRequest.safeParse({ id: 'web', ...rangeRequest(value) }).success).toBe(true);
    }
  });

  it('recognises stored ranges', () => {
    expect(isLogRange('since-1h')).toBe(true);
    expect(isLogRange('tail-5')).toBe(false);
  });
});

describe('logFileName', () => {
  it('names the file after the container and the local time', () => {
    expect(logFileName('web-1', new Date(2024, 4, 1, 14, 3, 9))).toBe('web-1_2024-05-01_14-03-09.log');
    expect(logFileName('../we b', new Date(2024, 0, 2, 3, 4, 5))).toBe('we-b_2024-01-02_03-04-05.log');
  });
});
