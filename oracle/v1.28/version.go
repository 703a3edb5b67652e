// What differs between the releases; the rest is in oracle.go (../src/oracle.go).
package main

import (
	"k8s.io/apiserver/pkg/registry/generic"
	genericregistry "k8s.io/apiserver/pkg/registry/generic/registry"
	"k8s.io/apiserver/pkg/registry/rest"
	serviceaccountstore "k8s.io/kubernetes/pkg/registry/core/serviceaccount/storage"
)

// ServiceAccount storage without the token subresource (issuer, audiences,
// pod/secret lookups are only used by serviceaccounts/token).
func newServiceAccountREST(o generic.RESTOptionsGetter) (rest.Creater, *genericregistry.Store, error) {
	s, err := serviceaccountstore.NewREST(o, nil, nil, 0, nil, nil, false)
	if err != nil {
		return nil, nil, err
	}
	return s, s.Store, nil
}
