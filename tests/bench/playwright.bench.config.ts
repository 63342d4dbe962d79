import { defineConfig } from '@playwright/test';
import base from '../../playwright.config';

// Benchmarks: same browser and server as the e2e tests, run by `make bench`, not by `make test`.
export default defineConfig({ ...base, testDir: '.', testMatch: /.*\.bench\.ts/, timeout: 300_000 });
