import { removeTempDirs } from './temp-dir';

// setupFilesAfterEnv: every test file removes the folders it took from tempDir().
afterAll(removeTempDirs);
