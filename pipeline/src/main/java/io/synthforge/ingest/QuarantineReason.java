package io.synthforge.ingest;

/** Why a record was quarantined; the code is stored beside the readable reason so reasons can be counted. */
public enum QuarantineReason {
  /** The bytes are not valid in the input's encoding. */
  BAD_ENCODING,
  /** The line cannot be split into fields (broken quoting, not a JSON object). */
  MALFORMED_LINE,
  /** The line has more or fewer fields than the header. */
  WRONG_FIELD_COUNT,
  /** A value cannot be read as its column's type. */
  BAD_TYPE,
  /** A required (non-nullable) column has no value. */
  MISSING_REQUIRED,
  /** A discrete value outside the column's declared domain. */
  OUT_OF_DOMAIN,
  /** A number outside the column's declared min/max. */
  OUT_OF_RANGE,
  /** An image, sound or IDX file (or part of one) that cannot be decoded. */
  UNDECODABLE
}
