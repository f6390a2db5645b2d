/** The generated status file of the seed, used as a caller would. */
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  ApiStatusError,
  BadRequestError,
  errorForOutcome,
  isApiError,
  parseKnownStatus,
  PreconditionFailedError,
  Status,
  STATUS_INFO,
  TargetUnavailableError,
  ThrottledError,
  UnknownStatusError,
  type ApiError,
  type FailureStatus,
} from "../../generated/iothub/status.js";
import { StatusError } from "../../src/runtime/errors.js";

describe("generated/iothub/status.ts", () => {
  it("lists the 16 catalog statuses with reason code, class and retryable decoded from the status bits", () => {
    expect(Object.keys(STATUS_INFO)).toHaveLength(16);
    expect(STATUS_INFO["0001"]).toMatchObject({ name: "Not Modified", reasonCode: 0, statusClass: "success", retryable: false });
    expect(STATUS_INFO["0101"]).toMatchObject({ reasonCode: 135, statusClass: "client-error", retryable: false });
    expect(STATUS_INFO["0501"]).toMatchObject({ reasonCode: 151, statusClass: "client-error", retryable: true });
    expect(STATUS_INFO["0504"]).toMatchObject({ statusClass: "client-error", retryable: true });
    expect(STATUS_INFO["06A0"]).toMatchObject({ name: "Target Unavailable", reasonCode: 131, statusClass: "server-error", retryable: true });
    expect(Status.TargetTimeout).toBe("06A1");
  });

  it("parses received statuses as hex, case-insensitively, never as decimal", () => {
    expect(parseKnownStatus("06a0")).toBe("06A0");
    expect(parseKnownStatus("6A1")).toBe("06A1");
    expect(parseKnownStatus("0104")).toBe("0104");
    expect(parseKnownStatus("260")).toBeUndefined(); // 0x0260 is no catalog status, though 260 decimal is 0x0104
    expect(parseKnownStatus("0777")).toBeUndefined();
    expect(parseKnownStatus("nope")).toBeUndefined();
  });

  it("builds the typed error of every failing status, carrying the outcome's details", () => {
    const failing = Object.entries(STATUS_INFO).filter(([, info]) => info.statusClass !== "success");
    expect(failing).toHaveLength(15);
    for (const [status, info] of failing) {
      const error = errorForOutcome({ reasonCode: info.reasonCode, status: status.toLowerCase(), reason: "why", traceId: "t-1" });
      expect(error).toBeInstanceOf(ApiStatusError);
      expect(error).toBeInstanceOf(StatusError);
      expect(error.status).toBe(status);
      expect(error.name).toBe(`${info.name.replace(/ /g, "")}Error`);
      expect([error.reasonCode, error.reason, error.traceId]).toEqual([info.reasonCode, "why", "t-1"]);
    }
    expect(errorForOutcome({ reasonCode: 131, status: "0104" })).toBeInstanceOf(PreconditionFailedError);
    expect(errorForOutcome({ reasonCode: 151, status: "0501" })).toBeInstanceOf(ThrottledError);
  });

  it("keeps unknown and missing statuses typed, with the raw code", () => {
    const unknown = errorForOutcome({ reasonCode: 131, status: "0777" });
    expect(unknown).toBeInstanceOf(UnknownStatusError);
    expect(unknown.status).toBeUndefined();
    expect((unknown as UnknownStatusError).rawStatus).toBe("0777");
    const bare = errorForOutcome({ reasonCode: 144 });
    expect(bare).toBeInstanceOf(UnknownStatusError);
    expect([bare.status, (bare as UnknownStatusError).rawStatus, bare.reasonCode]).toEqual([undefined, undefined, 144]);
    expect(errorForOutcome({ reasonCode: 0, status: "0001" })).toBeInstanceOf(UnknownStatusError);
    expect(isApiError(new BadRequestError({ reasonCode: 131 }))).toBe(true);
    expect(isApiError(new Error("x"))).toBe(false);
  });

  it("lets callers narrow exhaustively on status", () => {
    expectTypeOf<FailureStatus>().toEqualTypeOf<
      "0100" | "0101" | "0102" | "0103" | "0104" | "0501" | "0502" | "0503" | "0504" | "0601" | "0602" | "0603" | "06A0" | "06A1" | "06A2"
    >();
    const describe = (error: ApiError): string => {
      switch (error.status) {
        case "06A0":
          expectTypeOf(error).toEqualTypeOf<TargetUnavailableError>();
          return "unavailable";
        case "0100":
        case "0101":
        case "0102":
        case "0103":
        case "0104":
        case "0501":
        case "0502":
        case "0503":
        case "0504":
        case "0601":
        case "0602":
        case "0603":
        case "06A1":
        case "06A2":
          return "known";
        default:
          expectTypeOf(error).toEqualTypeOf<UnknownStatusError>();
          return "unknown";
      }
    };
    expect(describe(errorForOutcome({ reasonCode: 131, status: "06A0" }))).toBe("unavailable");
    expect(describe(errorForOutcome({ reasonCode: 131, status: "0999" }))).toBe("unknown");
  });
});
