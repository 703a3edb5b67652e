// convert seed-env.yaml
// refused: ConvertError
// cannot convert:
//   seed-env.yaml:1: the document does not parse as YAML, so it cannot be converted; fix it first (cdk8s-pods lint seed-env.yaml shows where)
