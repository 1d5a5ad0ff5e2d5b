// npm run audit:verify: walks the audit hash chain and reports the first broken link.
// Exit code 0 when the chain holds, 1 when it is broken.
import { loadConfig } from "../server/config.js";
import { openDatabase } from "../server/db/database.js";
import { verifyChain } from "../server/modules/audit/repository.js";

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const started = Date.now();
  const result = await verifyChain(database.db);
  const secs = ((Date.now() - started) / 1000).toFixed(2);
  if (result.ok) {
    console.log(`audit chain OK: ${result.checked} entries verified in ${secs} s`);
  } else {
    console.error(
      `audit chain BROKEN at entry seq=${result.broken.seq} (${result.broken.reason === "hash" ? "its content was changed" : "the entry before it was removed or changed"}); ${result.checked} entries before it are intact`,
    );
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
