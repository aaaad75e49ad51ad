/** Worker thread of prepareNoticeBodies: prepares each batch of bodies it is sent, in order. */
import { parentPort } from "node:worker_threads";
import { prepareNoticeBody } from "./notice-body.ts";
import type { BodySource } from "./notice-body.ts";

parentPort?.on("message", (batch: BodySource[]) => {
  parentPort?.postMessage(batch.map(prepareNoticeBody));
});
