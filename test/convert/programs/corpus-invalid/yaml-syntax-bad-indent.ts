// convert yaml-syntax-bad-indent.yaml
// refused: ConvertError
// cannot convert:
//   yaml-syntax-bad-indent.yaml:1: the document does not parse as YAML, so it cannot be converted; fix it first (cdk8s-pods lint yaml-syntax-bad-indent.yaml shows where)
