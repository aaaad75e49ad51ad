/** Worker thread of prepareNoticeBodies: prepares its share of the bodies and sends them back. */
import { parentPort, workerData } from "node:worker_threads";
import { prepareNoticeBody } from "./notice-body.ts";
import type { BodySource } from "./notice-body.ts";

parentPort?.postMessage((workerData as BodySource[]).map(prepareNoticeBody));
