// convert yaml-syntax-unclosed-quote.yaml
// refused: ConvertError
// cannot convert:
//   yaml-syntax-unclosed-quote.yaml:1: the document does not parse as YAML, so it cannot be converted; fix it first (cdk8s-pods lint yaml-syntax-unclosed-quote.yaml shows where)
