// convert seed-kube-basic.yaml
// refused: ConvertError
// cannot convert:
//   seed-kube-basic.yaml:1: the document does not parse as YAML, so it cannot be converted; fix it first (cdk8s-pods lint seed-kube-basic.yaml shows where)
