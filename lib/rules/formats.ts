// Formats the Kubernetes API server enforces, after k8s.io/apimachinery/pkg/util/validation and
// k8s.io/apimachinery/pkg/api/resource. Each returns undefined when the value is valid, or a
// lower-case phrase saying what is wrong.

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
/** An environment variable name as the API server checks it without RelaxedEnvironmentVariableValidation: letters, digits, `-`, `_`, `.`, not starting with a digit. */
export const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** A DNS-1123 label: container, volume and port-less names. */
export function dnsLabelProblem(value: string): string | undefined {
  if (value.length > 63) return 'is longer than 63 characters';
  if (!DNS1123_LABEL.test(value)) return "is not a DNS-1123 label: use lower-case letters, digits and '-', starting and ending with a letter or digit";
  return undefined;
}

/** A DNS-1035 label: Service names (a letter first, no dots). */
export function dns1035Problem(value: string): string | undefined {
  if (value.length > 63) return 'is longer than 63 characters';
  if (!/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(value)) return "is not a DNS-1035 label: use lower-case letters, digits and '-', starting with a letter and ending with a letter or digit";
  return undefined;
}

/** A DNS-1123 subdomain: object names. */
export function dnsSubdomainProblem(value: string): string | undefined {
  if (value.length > 253) return 'is longer than 253 characters';
  if (!DNS1123_SUBDOMAIN.test(value)) return "is not a DNS-1123 subdomain: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit";
  return undefined;
}

/**
 * A path segment (apimachinery's IsValidPathSegmentName): the names of RBAC roles and bindings,
 * such as `system:auth-delegator`. Anything but '.', '..', '/' and '%'.
 */
export function pathSegmentProblem(value: string): string | undefined {
  if (value === '.' || value === '..') return `may not be '${value}'`;
  if (/[/%]/.test(value)) return "may not contain '/' or '%' (it is a segment of the API path)";
  return undefined;
}

/** A qualified name: label and annotation keys, resource names (`prefix/name`). */
export function qualifiedNameProblem(value: string): string | undefined {
  const parts = value.split('/');
  if (parts.length > 2) return "has more than one '/'";
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    if (parts[0].length === 0) return "has an empty prefix before '/'";
    const prefix = dnsSubdomainProblem(parts[0]);
    if (prefix) return `has a prefix '${parts[0]}' that ${prefix}`;
  }
  if (name.length === 0) return 'has an empty name part';
  if (name.length > 63) return 'has a name part longer than 63 characters';
  if (!QUALIFIED_NAME_PART.test(name)) return "has a name part that is not alphanumeric with '-', '_' or '.' inside";
  return undefined;
}

/** A label value: at most 63 characters, alphanumeric with '-', '_' and '.' inside, or empty. */
export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63) return 'is longer than 63 characters';
  if (!LABEL_VALUE.test(value)) return "is not a label value: use letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
  return undefined;
}

/** An IANA service name: port names. */
export function portNameProblem(value: string): string | undefined {
  if (value.length > 15) return 'is longer than 15 characters';
  if (!IANA_SVC_NAME.test(value)) return "is not an IANA service name: use lower-case letters, digits and '-', starting and ending with a letter or digit";
  if (value.includes('--')) return "has '--'";
  if (!/[a-z]/.test(value)) return 'has no letter';
  return undefined;
}

/**
 * An environment variable name (or envFrom prefix). `relaxed`: Kubernetes 1.32 and newer
 * (RelaxedEnvironmentVariableValidation, on by default) take any printable ASCII but '='.
 */
export function envNameProblem(value: string, relaxed = false): string | undefined {
  if (relaxed) {
    if (!/^[\x20-\x3c\x3e-\x7e]+$/.test(value)) return "is not a valid environment variable name: use printable ASCII characters other than '='";
    return undefined;
  }
  if (!ENV_VAR_NAME.test(value)) return "is not a valid environment variable name: use letters, digits, '_', '-' and '.', not starting with a digit";
  return undefined;
}

/** An environment variable name that envNameProblem accepts, close to `value`. */
export function toEnvName(value: string, relaxed = false): string {
  return relaxed ? value.replace(/[^\x20-\x3c\x3e-\x7e]/g, '_') : value.replace(/[^-._a-zA-Z0-9]/g, '_').replace(/^[0-9]/, '_$&');
}

/** A sysctl name (`net.core.somaxconn`, `kernel/shm_rmid_forced`), as the API server checks it. */
export function sysctlNameProblem(value: string): string | undefined {
  if (value.length > 253) return 'is longer than 253 characters';
  if (!SYSCTL_NAME.test(value)) return "is not a sysctl name: use lower-case segments of letters, digits, '-' and '_', joined by '.' or '/'";
  return undefined;
}
const SYSCTL_SEGMENT = '[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const SYSCTL_NAME = new RegExp(`^(${SYSCTL_SEGMENT}[./])*${SYSCTL_SEGMENT}$`);

/** A ConfigMap or Secret key: what `configMapKeyRef.key` and volume `items[].key` may name. */
export function configKeyProblem(value: string): string | undefined {
  if (value.length > 253) return 'is longer than 253 characters';
  if (!/^[-._a-zA-Z0-9]+$/.test(value)) return "is not a ConfigMap or Secret key: use letters, digits, '-', '_' and '.'";
  if (value === '.' || value === '..' || value.startsWith('..')) return "may not be '.' or '..' or start with '..'";
  return undefined;
}

/**
 * A file path inside a volume (configMap, secret, downwardAPI and projected items, a projected
 * token): relative, without a '..' element, not starting with '..'.
 */
export function localPathProblem(value: string): string | undefined {
  if (value.startsWith('/')) return 'is absolute';
  if (value.split('/').includes('..')) return "contains '..'";
  if (value.startsWith('..')) return "starts with '..'";
  return undefined;
}

/** The path without leading slashes and '..' elements: a suggestion for `localPathProblem`. */
export function toLocalPath(value: string): string {
  return value.split('/').filter(p => p !== '' && p !== '..' && p !== '.').join('/').replace(/^\.+/, '') || 'file';
}

/** Suggests a valid label value for an invalid one: cut to 63 characters, other characters turned into '-'. */
export function toLabelValue(value: string): string {
  return value.replace(/[^-A-Za-z0-9_.]+/g, '-').slice(0, 63).replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}

/** Suggests a valid DNS name for an invalid one: `kube_Basic` -> `kube-basic`. */
export function toDnsName(value: string, maxLength: number): string {
  return value.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, maxLength) || 'name';
}

// Quantities: <signedNumber><suffix>, suffix one of the binary (Ki..Ei), decimal (n u m '' k M G T P E)
// or decimal-exponent (e3, E6) forms.
const QUANTITY = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;
const BINARY: { [suffix: string]: number } = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: { [suffix: string]: number } = { n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** A parsed quantity. */
export interface Quantity {
  readonly value: number;
  readonly suffix: string;
}

/** Parses a Kubernetes quantity (`500m`, `1Gi`, `2`, `1e3`); undefined when malformed. */
export function parseQuantity(raw: unknown): Quantity | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? { value: raw, suffix: '' } : undefined;
  if (typeof raw !== 'string') return undefined;
  const m = QUANTITY.exec(raw);
  if (!m) return undefined;
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  let factor = 1;
  if (suffix in BINARY) factor = BINARY[suffix];
  else if (suffix in DECIMAL) factor = DECIMAL[suffix];
  else if (suffix !== '') factor = 10 ** Number(suffix.slice(1));
  return { value: n * factor, suffix };
}

/** Suggests a fix for a malformed quantity: `512MB` -> `512Mi`, `2 Gi` -> `2Gi`. */
export function quantityFix(raw: string): string | undefined {
  const squeezed = raw.replace(/\s+/g, '');
  const unit = /^([0-9.]+)([KMGTPE])i?B$/i.exec(squeezed);
  if (unit) return `${unit[1]}${unit[2].toUpperCase()}i`;
  const lowerBinary = /^([0-9.]+)([kmgtpe])i$/.exec(squeezed);
  if (lowerBinary) return `${lowerBinary[1]}${lowerBinary[2].toUpperCase()}i`;
  if (squeezed !== raw && parseQuantity(squeezed)) return squeezed;
  return undefined;
}

/** A TCP/UDP port number, 1-65535, as a whole number. */
export function isPortNumber(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535;
}
