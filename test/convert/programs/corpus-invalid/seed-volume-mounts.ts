// convert seed-volume-mounts.yaml
// refused: ConvertError
// cannot convert:
//   seed-volume-mounts.yaml:1: the document does not parse as YAML, so it cannot be converted; fix it first (cdk8s-pods lint seed-volume-mounts.yaml shows where)
