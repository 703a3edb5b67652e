// Command oracle tells, for each Kubernetes object in the given manifest files,
// whether the API server of the k8s.io/kubernetes release this binary is built
// against would accept it on create, and with which field errors.
//
// It runs the API server's own code, in the order its create handler does
// (k8s.io/apiserver/pkg/endpoints/handlers/create.go): strict decoding of the
// request body with the server's codecs (defaulting and conversion to the
// internal type included), then Create on the resource's real registry storage
// (k8s.io/kubernetes/pkg/registry/...), over a storage backend that holds
// nothing. Admission plugins are not run. See ../README.md.
//
// This file is shared by both modules (v1.28/oracle.go and v1.34/oracle.go are
// symlinks to it); each module's version.go holds what differs between releases.
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime/debug"
	"sort"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	utilnet "k8s.io/apimachinery/pkg/util/net"
	"k8s.io/apimachinery/pkg/util/validation/field"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/apiserver/pkg/authentication/user"
	genericapirequest "k8s.io/apiserver/pkg/endpoints/request"
	"k8s.io/apiserver/pkg/registry/generic"
	genericregistry "k8s.io/apiserver/pkg/registry/generic/registry"
	"k8s.io/apiserver/pkg/registry/rest"
	"k8s.io/apiserver/pkg/storage"
	"k8s.io/apiserver/pkg/storage/storagebackend"
	"k8s.io/apiserver/pkg/storage/storagebackend/factory"
	utilfeature "k8s.io/apiserver/pkg/util/feature"
	"k8s.io/apiserver/pkg/warning"
	"k8s.io/client-go/tools/cache"
	"k8s.io/component-base/featuregate"
	"k8s.io/klog/v2"
	"sigs.k8s.io/yaml"

	"k8s.io/kubernetes/pkg/api/legacyscheme"

	api "k8s.io/kubernetes/pkg/apis/core"
	"k8s.io/kubernetes/pkg/capabilities"
	daemonsetstore "k8s.io/kubernetes/pkg/registry/apps/daemonset/storage"
	deploymentstore "k8s.io/kubernetes/pkg/registry/apps/deployment/storage"
	replicasetstore "k8s.io/kubernetes/pkg/registry/apps/replicaset/storage"
	statefulsetstore "k8s.io/kubernetes/pkg/registry/apps/statefulset/storage"
	cronjobstore "k8s.io/kubernetes/pkg/registry/batch/cronjob/storage"
	jobstore "k8s.io/kubernetes/pkg/registry/batch/job/storage"
	configmapstore "k8s.io/kubernetes/pkg/registry/core/configmap/storage"
	pvcstore "k8s.io/kubernetes/pkg/registry/core/persistentvolumeclaim/storage"
	podstore "k8s.io/kubernetes/pkg/registry/core/pod/storage"
	secretstore "k8s.io/kubernetes/pkg/registry/core/secret/storage"
	"k8s.io/kubernetes/pkg/registry/core/service/ipallocator"
	"k8s.io/kubernetes/pkg/registry/core/service/portallocator"
	servicestore "k8s.io/kubernetes/pkg/registry/core/service/storage"
	ingressstore "k8s.io/kubernetes/pkg/registry/networking/ingress/storage"

	// The API groups kube-apiserver registers in its scheme, as imported by
	// k8s.io/kubernetes/pkg/controlplane/import_known_versions.go in every release
	// this program is built for; a group only some releases have is in their version.go.
	_ "k8s.io/kubernetes/pkg/apis/admission/install"
	_ "k8s.io/kubernetes/pkg/apis/admissionregistration/install"
	_ "k8s.io/kubernetes/pkg/apis/apiserverinternal/install"
	_ "k8s.io/kubernetes/pkg/apis/apps/install"
	_ "k8s.io/kubernetes/pkg/apis/authentication/install"
	_ "k8s.io/kubernetes/pkg/apis/authorization/install"
	_ "k8s.io/kubernetes/pkg/apis/autoscaling/install"
	_ "k8s.io/kubernetes/pkg/apis/batch/install"
	_ "k8s.io/kubernetes/pkg/apis/certificates/install"
	_ "k8s.io/kubernetes/pkg/apis/coordination/install"
	_ "k8s.io/kubernetes/pkg/apis/core/install"
	_ "k8s.io/kubernetes/pkg/apis/discovery/install"
	_ "k8s.io/kubernetes/pkg/apis/events/install"
	_ "k8s.io/kubernetes/pkg/apis/extensions/install"
	_ "k8s.io/kubernetes/pkg/apis/flowcontrol/install"
	_ "k8s.io/kubernetes/pkg/apis/imagepolicy/install"
	_ "k8s.io/kubernetes/pkg/apis/networking/install"
	_ "k8s.io/kubernetes/pkg/apis/node/install"
	_ "k8s.io/kubernetes/pkg/apis/policy/install"
	_ "k8s.io/kubernetes/pkg/apis/rbac/install"
	_ "k8s.io/kubernetes/pkg/apis/resource/install"
	_ "k8s.io/kubernetes/pkg/apis/scheduling/install"
	_ "k8s.io/kubernetes/pkg/apis/storage/install"
)

// The cluster the verdicts assume: kube-apiserver as kubeadm (and kind,
// minikube, the managed offerings) configures it: --allow-privileged=true (the
// flag's own default is false, which forbids privileged containers), and for
// Services single-stack IPv4 with kubeadm's service CIDR and the default
// NodePort range.
const (
	allowPrivileged = true
	serviceCIDR     = "10.96.0.0/12"
	nodePortBase    = 30000
	nodePortCount   = 2768 // 30000-32767
)

// A supported kind: the group/version/kind the server serves it at, its
// resource name, and a constructor of its real REST storage.
type kindInfo struct {
	gvk      schema.GroupVersionKind
	resource string
	newREST  func(generic.RESTOptionsGetter) (rest.Creater, *genericregistry.Store, error)
}

var supported = []kindInfo{
	{gvk("", "v1", "Pod"), "pods", func(o generic.RESTOptionsGetter) (rest.Creater, *genericregistry.Store, error) {
		s, err := podstore.NewStorage(o, nil, nil, nil)
		if err != nil {
			return nil, nil, err
		}
		return s.Pod, s.Pod.Store, nil
	}},
	{gvk("", "v1", "Service"), "services", func(o generic.RESTOptionsGetter) (rest.Creater, *genericregistry.Store, error) {
		_, cidr, err := net.ParseCIDR(serviceCIDR)
		if err != nil {
			return nil, nil, err
		}
		ips, err := ipallocator.NewInMemory(cidr)
		if err != nil {
			return nil, nil, err
		}
		ports, err := portallocator.NewInMemory(utilnet.PortRange{Base: nodePortBase, Size: nodePortCount})
		if err != nil {
			return nil, nil, err
		}
		s, _, _, err := servicestore.NewREST(o, api.IPv4Protocol, map[api.IPFamily]ipallocator.Interface{api.IPv4Protocol: ips}, ports, nil, nil, nil)
		if err != nil {
			return nil, nil, err
		}
		return s, s.Store, nil
	}},
	{gvk("", "v1", "ConfigMap"), "configmaps", func(o generic.RESTOptionsGetter) (rest.Creater, *genericregistry.Store, error) {
		s, err := configmapstore.NewREST(o)
		if err != nil {
			return nil, nil, err
		}
		return s, s.Store, nil
	}},
	{gvk("", "v1", "Secret"), "secrets", func(o generic.RESTOptionsGetter) (rest.Creater, *genericregistry.Store, error) {
		s, err := secretstore.NewREST(o)
		if err != nil {
			return nil, nil, err
		}
		return s, s.Store, nil
	}},
	{gvk("", "v1", "ServiceAccount"), "serviceaccounts", newServiceAccountREST},
	{gvk("", "v1", "PersistentVolumeClaim"), "persistentvolumeclaims", func(o generic.RESTOptionsGetter) (rest.Creater, *genericregistry.Store, error) {
		s, _, err := pvcstore.NewREST(o)
		if err != nil {
			return nil, nil, err
		}
		return s, s.Store, nil
	}},
	{gvk("apps", "v1", "Deployment"), "deployments", func(o generic.RESTOptionsGetter) (rest.Creater, *genericregistry.Store, error) {
		s, err := deploymentstore.NewStorage(o)
		if err != nil {
			return nil, nil, err
		}
		return s.Deployment, s.Deployment.Store, nil
	}},
	{gvk("apps", "v1", "StatefulSet"), "statefulsets", func(o generic.RESTOptionsGetter) (rest.Creater, *genericregistry.Store, error) {
		s, err := statefulsetstore.NewStorage(o)
		if err != nil {
			return nil, nil, err
		}
		return s.StatefulSet, s.StatefulSet.Store, nil
	}},
	{gvk("apps", "v1", "DaemonSet"), "daemonsets", func(o generic.RESTOptionsGetter) (rest.Creater, *genericregistry.Store, error) {
		s, _, err := daemonsetstore.NewREST(o)
		if err != nil {
			return nil, nil, err
		}
		return s, s.Store, nil
	}},
	{gvk("apps", "v1", "ReplicaSet"), "replicasets", func(o generic.RESTOptionsGetter) (rest.Creater, *genericregistry.Store, error) {
		s, err := replicasetstore.NewStorage(o)
		if err != nil {
			return nil, nil, err
		}
		return s.ReplicaSet, s.ReplicaSet.Store, nil
	}},
	{gvk("batch", "v1", "Job"), "jobs", func(o generic.RESTOptionsGetter) (rest.Creater, *genericregistry.Store, error) {
		s, err := jobstore.NewStorage(o)
		if err != nil {
			return nil, nil, err
		}
		return s.Job, s.Job.Store, nil
	}},
	{gvk("batch", "v1", "CronJob"), "cronjobs", func(o generic.RESTOptionsGetter) (rest.Creater, *genericregistry.Store, error) {
		s, _, err := cronjobstore.NewREST(o)
		if err != nil {
			return nil, nil, err
		}
		return s, s.Store, nil
	}},
	{gvk("networking.k8s.io", "v1", "Ingress"), "ingresses", func(o generic.RESTOptionsGetter) (rest.Creater, *genericregistry.Store, error) {
		s, _, err := ingressstore.NewREST(o)
		if err != nil {
			return nil, nil, err
		}
		return s, s.Store, nil
	}},
}

func gvk(group, version, kind string) schema.GroupVersionKind {
	return schema.GroupVersionKind{Group: group, Version: version, Kind: kind}
}

// ---------------------------------------------------------------------------
// Storage: the registry's real Store over a backend that holds no object. A
// create is a real one, not a dry run (which skips the range checks of NodePort
// allocation and the backend's resourceVersion check), so each object gets a
// fresh storage, with fresh IP and port allocators.

type emptyStorage struct {
	storage.Interface // any other call panics, and is reported as an oracle error
	codec             runtime.Codec
}

func (emptyStorage) Versioner() storage.Versioner { return storage.APIObjectVersioner{} }
func (emptyStorage) ReadinessCheck() error        { return nil }
func (emptyStorage) Get(_ context.Context, key string, _ storage.GetOptions, _ runtime.Object) error {
	return storage.NewKeyNotFoundError(key, 0)
}

// Create does what the etcd3 store does before and after its write.
func (s emptyStorage) Create(_ context.Context, _ string, obj, out runtime.Object, _ uint64) error {
	versioner := storage.APIObjectVersioner{}
	if version, err := versioner.ObjectResourceVersion(obj); err == nil && version != 0 {
		return fmt.Errorf("resourceVersion should not be set on objects to be created")
	}
	if err := versioner.PrepareObjectForStorage(obj); err != nil {
		return fmt.Errorf("PrepareObjectForStorage failed: %v", err)
	}
	data, err := runtime.Encode(s.codec, obj)
	if err != nil {
		return err
	}
	_, _, err = s.codec.Decode(data, nil, out)
	return err
}

func restOptions(gv schema.GroupVersion, resource string) generic.RESTOptions {
	return generic.RESTOptions{
		StorageConfig: &storagebackend.ConfigForResource{
			Config:        storagebackend.Config{Codec: legacyscheme.Codecs.LegacyCodec(gv)},
			GroupResource: schema.GroupResource{Group: gv.Group, Resource: resource},
		},
		Decorator: func(config *storagebackend.ConfigForResource, _ string, _ func(runtime.Object) (string, error),
			_ func() runtime.Object, _ func() runtime.Object, _ storage.AttrFunc, _ storage.IndexerFuncs, _ *cache.Indexers,
		) (storage.Interface, factory.DestroyFunc, error) {
			return emptyStorage{codec: config.Codec}, func() {}, nil
		},
		ResourcePrefix: resource,
	}
}

// recordingStrategy passes everything to the registry's strategy and keeps
// the field errors its Validate returned, whose Detail the StatusError that
// rest.BeforeCreate builds from them no longer carries.
type recordingStrategy struct {
	rest.RESTCreateStrategy
	last *field.ErrorList
}

func (s recordingStrategy) Validate(ctx context.Context, obj runtime.Object) field.ErrorList {
	errs := s.RESTCreateStrategy.Validate(ctx, obj)
	*s.last = errs
	return errs
}

// endpoint is the storage of one supported kind, made anew for each object.
type endpoint struct {
	info    kindInfo
	creater rest.Creater
	last    field.ErrorList // what the strategy's Validate returned
}

func newEndpoint(k kindInfo) (*endpoint, error) {
	e := &endpoint{info: k}
	c, store, err := k.newREST(restOptions(k.gvk.GroupVersion(), k.resource))
	if err != nil {
		return nil, fmt.Errorf("%s storage: %w", k.resource, err)
	}
	store.CreateStrategy = recordingStrategy{store.CreateStrategy, &e.last}
	e.creater = c
	return e, nil
}

type warnings []string

func (w *warnings) AddWarning(_, text string) { *w = append(*w, text) }

// ---------------------------------------------------------------------------
// Output

type fieldError struct {
	Field   string `json:"field"`
	Type    string `json:"type"`
	Detail  string `json:"detail"`
	Message string `json:"message"`
}

type verdict struct {
	File       string       `json:"file"`
	Doc        int          `json:"doc"`
	Item       *int         `json:"item"`
	APIVersion string       `json:"apiVersion"`
	Kind       string       `json:"kind"`
	Namespace  string       `json:"namespace"`
	Name       string       `json:"name"`
	Sha256     string       `json:"sha256"`
	Verdict    string       `json:"verdict"` // accepted | rejected | unsupported | unparsable | error
	Errors     []fieldError `json:"errors"`
	Warnings   []string     `json:"warnings"`
	Mutations  []mutation   `json:"mutations"`
}

// A change the registry made to an accepted object, other than filling in
// what was absent: a field it dropped, or a value it replaced.
type mutation struct {
	Field  string      `json:"field"`
	Change string      `json:"change"` // dropped | changed
	From   interface{} `json:"from"`
	To     interface{} `json:"to,omitempty"`
}

// Some messages print what changes from run to run: Go pointers (a %#v of a
// struct with a pointer field, `(*apps.RollingUpdateDeployment)(0xc000123456)`)
// and uids the registry generated. Recorded verdicts must be reproducible.
var (
	pointerPattern = regexp.MustCompile(`\(0x[0-9a-f]+\)`)
	uidPattern     = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)
)

func stable(text string) string {
	return uidPattern.ReplaceAllString(pointerPattern.ReplaceAllString(text, "(0x…)"), "<uid>")
}

// stabilize rewrites the run-dependent parts of the messages (see stable).
func (v *verdict) stabilize() {
	for i := range v.Errors {
		v.Errors[i].Detail = stable(v.Errors[i].Detail)
		v.Errors[i].Message = stable(v.Errors[i].Message)
	}
	for i := range v.Warnings {
		v.Warnings[i] = stable(v.Warnings[i])
	}
}

func (v *verdict) reject(typ, detail string) {
	v.Verdict = "rejected"
	v.Errors = append(v.Errors, fieldError{Type: typ, Detail: detail, Message: detail})
}

// ---------------------------------------------------------------------------

type oracle struct {
	kinds     map[schema.GroupVersionKind]kindInfo
	kindNames map[string]bool // the kind names of the supported kinds
}

func newOracle() (*oracle, error) {
	o := &oracle{kinds: map[schema.GroupVersionKind]kindInfo{}, kindNames: map[string]bool{}}
	for _, k := range supported {
		if _, err := newEndpoint(k); err != nil { // fail early
			return nil, err
		}
		o.kinds[k.gvk] = k
		o.kindNames[k.gvk.Kind] = true
	}
	return o, nil
}

// judge decides one object: body is what the API server would receive
// (mediaType "application/yaml" or "application/json").
func (o *oracle) judge(v *verdict, body []byte, mediaType string, doc map[string]interface{}) {
	defer func() {
		if r := recover(); r != nil {
			v.Verdict, v.Errors = "error", []fieldError{{Type: "OraclePanic", Detail: fmt.Sprint(r), Message: fmt.Sprint(r)}}
		}
	}()
	v.APIVersion, v.Kind = str(doc["apiVersion"]), str(doc["kind"])
	if md, ok := doc["metadata"].(map[string]interface{}); ok {
		v.Namespace, v.Name = str(md["namespace"]), str(md["name"])
	}
	// kubectl needs both to find the endpoint (as does the server's decoder).
	if v.Kind == "" {
		v.reject("DecodeError", "Object 'Kind' is missing")
		return
	}
	if v.APIVersion == "" {
		v.reject("DecodeError", "Object 'apiVersion' is missing")
		return
	}
	gv, err := schema.ParseGroupVersion(v.APIVersion)
	if err != nil {
		v.reject("DecodeError", err.Error())
		return
	}
	target := gv.WithKind(v.Kind)
	kind, supported := o.kinds[target]
	if !supported {
		builtinGroup := legacyscheme.Scheme.IsGroupRegistered(gv.Group)
		switch {
		case !builtinGroup:
			// A custom resource or an aggregated API, maybe served: not judged.
			v.Verdict = "unsupported"
		case o.kindNames[v.Kind] || !legacyscheme.Scheme.Recognizes(target):
			// A built-in group that does not serve this kind at this version
			// (e.g. extensions/v1beta1 Deployment, v1 "pod"); what kubectl
			// reports after API discovery.
			v.reject("NoKindMatch", fmt.Sprintf("no matches for kind %q in version %q", v.Kind, v.APIVersion))
		default:
			v.Verdict = "unsupported"
		}
		return
	}

	ep, err := newEndpoint(kind)
	if err != nil {
		panic(err)
	}
	ns := v.Namespace
	if ns == "" {
		ns = metav1.NamespaceDefault
	}
	prefix := "apis"
	if gv.Group == "" {
		prefix = "api"
	}
	gvr := gv.WithResource(ep.info.resource)
	ctx := genericapirequest.WithNamespace(genericapirequest.NewContext(), ns)
	ctx = genericapirequest.WithRequestInfo(ctx, &genericapirequest.RequestInfo{
		IsResourceRequest: true, Path: fmt.Sprintf("/%s/%s/namespaces/%s/%s", prefix, gv, ns, gvr.Resource),
		Verb: "create", APIPrefix: prefix, APIGroup: gv.Group, APIVersion: gv.Version,
		Namespace: ns, Resource: gvr.Resource,
	})
	ctx = genericapirequest.WithUser(ctx, &user.DefaultInfo{Name: "kubernetes-admin", Groups: []string{user.SystemPrivilegedGroup, user.AllAuthenticated}})
	var warns warnings
	ctx = warning.WithWarningRecorder(ctx, &warns)
	defer func() { v.Warnings = append(v.Warnings, warns...) }()

	// 1. Decode as the create handler does with fieldValidation=Strict (kubectl's
	// default): the strict serializer for the body's media type, wrapped by the
	// codec factory in a decoder to the internal version, which defaults the
	// versioned object and converts it.
	info, ok := runtime.SerializerInfoForMediaType(legacyscheme.Codecs.SupportedMediaTypes(), mediaType)
	if !ok || info.StrictSerializer == nil {
		panic("no strict serializer for " + mediaType)
	}
	decoder := legacyscheme.Codecs.DecoderToVersion(info.StrictSerializer, schema.GroupVersion{Group: gv.Group, Version: runtime.APIVersionInternal})
	defaultGVK := target
	obj, gotGVK, err := decoder.Decode(body, &defaultGVK, ep.creater.New())
	if err != nil {
		if strictErr, isStrict := runtime.AsStrictDecodingError(err); isStrict {
			for _, e := range strictErr.Errors() {
				v.reject("StrictDecoding", e.Error())
			}
			return
		}
		// As transformDecodeError words it.
		if gotGVK != nil && gotGVK.Kind != "" {
			v.reject("DecodeError", fmt.Sprintf("%s in version %q cannot be handled as a %s: %v", gotGVK.Kind, gotGVK.Version, target.Kind, err))
		} else {
			v.reject("DecodeError", err.Error())
		}
		return
	}

	// The defaulted object in the request's version, before conversion (which
	// can change values too), to tell what the create path changed.
	before, _, err := legacyscheme.Codecs.DecoderToVersion(info.Serializer, gv).Decode(body, &defaultGVK, nil)
	if err != nil {
		panic(err)
	}

	// 2. The rest of the create handler: system metadata is wiped and the
	// object's namespace must match the request's.
	objectMeta, err := meta.Accessor(obj)
	if err != nil {
		panic(err)
	}
	rest.WipeObjectMetaSystemFields(objectMeta)
	if err := rest.EnsureObjectNamespaceMatchesRequestNamespace(rest.ExpectedNamespaceForResource(ns, gvr), objectMeta); err != nil {
		v.statusError(err, nil)
		return
	}

	// 3. The registry: genericregistry.Store.Create fills system metadata,
	// generates a name, runs BeginCreate (Services: ClusterIP and NodePort
	// allocation), then rest.BeforeCreate: strategy.PrepareForCreate,
	// strategy.Validate, object-meta validation, WarningsOnCreate, Canonicalize.
	// Admission (createValidation) is not run.
	_, err = ep.creater.Create(ctx, obj, nil, &metav1.CreateOptions{FieldValidation: metav1.FieldValidationStrict})
	if err != nil {
		v.statusError(err, ep.last)
		return
	}
	v.Verdict = "accepted"
	v.Mutations = mutations(before, obj, gv, doc)
}

// mutations lists what the create path dropped or replaced among the fields
// the document set (e.g. the fields of a disabled feature gate, which
// PrepareForCreate drops silently): both states of the object are compared in
// the request's version, at the paths present in the input. System metadata
// and status, which the server always sets itself, are left out.
func mutations(before, after runtime.Object, gv schema.GroupVersion, input map[string]interface{}) []mutation {
	toMap := func(o runtime.Object) map[string]interface{} {
		versioned, err := legacyscheme.Scheme.ConvertToVersion(o.DeepCopyObject(), gv)
		if err != nil {
			panic(err)
		}
		m, err := runtime.DefaultUnstructuredConverter.ToUnstructured(versioned)
		if err != nil {
			panic(err)
		}
		return m
	}
	ignored := map[string]bool{"metadata.uid": true, "metadata.creationTimestamp": true, "metadata.generation": true, "status": true}
	out := []mutation{}
	var walk func(path string, in, b, a interface{})
	walk = func(path string, in, b, a interface{}) {
		if ignored[path] {
			return
		}
		switch bv := b.(type) {
		case map[string]interface{}:
			inMap, _ := in.(map[string]interface{})
			if av, ok := a.(map[string]interface{}); ok && inMap != nil {
				keys := make([]string, 0, len(bv))
				for k := range bv {
					if _, written := inMap[k]; written {
						keys = append(keys, k)
					}
				}
				sort.Strings(keys)
				for _, k := range keys {
					child := k
					if path != "" {
						child = path + "." + k
					}
					if _, present := av[k]; !present {
						if !ignored[child] {
							out = append(out, mutation{Field: child, Change: "dropped", From: bv[k]})
						}
						continue
					}
					walk(child, inMap[k], bv[k], av[k])
				}
				return
			}
		case []interface{}:
			inSlice, _ := in.([]interface{})
			if av, ok := a.([]interface{}); ok && inSlice != nil {
				for i := range bv {
					if i >= len(inSlice) {
						break
					}
					child := fmt.Sprintf("%s[%d]", path, i)
					if i >= len(av) {
						out = append(out, mutation{Field: child, Change: "dropped", From: bv[i]})
						continue
					}
					walk(child, inSlice[i], bv[i], av[i])
				}
				return
			}
		}
		if !reflect.DeepEqual(b, a) {
			out = append(out, mutation{Field: path, Change: "changed", From: b, To: a})
		}
	}
	walk("", input, toMap(before), toMap(after))
	return out
}

// statusError turns an API error into the verdict's errors: an Invalid error
// into its field errors (with their Detail, when they are the ones the
// strategy's Validate returned), any other into one error named by its reason.
func (v *verdict) statusError(err error, validated field.ErrorList) {
	v.Verdict = "rejected"
	status, ok := err.(apierrors.APIStatus)
	if !ok || status.Status().Reason != metav1.StatusReasonInvalid || status.Status().Details == nil {
		reason := "InternalError"
		if ok {
			reason = string(status.Status().Reason)
		}
		v.reject(reason, err.Error())
		return
	}
	causes := status.Status().Details.Causes
	if len(causes) == len(validated) {
		for i, c := range causes {
			if c.Field != validated[i].Field || string(c.Type) != string(validated[i].Type) {
				validated = nil
				break
			}
		}
	} else {
		validated = nil
	}
	if validated != nil {
		for _, e := range validated {
			v.Errors = append(v.Errors, fieldError{Field: e.Field, Type: string(e.Type), Detail: e.Detail, Message: e.Error()})
		}
		return
	}
	for _, c := range causes {
		msg := c.Message
		if c.Field != "" {
			msg = c.Field + ": " + c.Message
		}
		v.Errors = append(v.Errors, fieldError{Field: c.Field, Type: string(c.Type), Detail: c.Message, Message: msg})
	}
}

func str(x interface{}) string {
	s, _ := x.(string)
	return s
}

// ---------------------------------------------------------------------------
// Files and documents

type document struct {
	text   []byte // what the server receives: see README ("sha256")
	isJSON bool
	err    error // the file could not be split here
}

// splitDocuments splits a file as kubectl does (k8s.io/apimachinery's
// YAMLOrJSONDecoder): a JSON stream if it starts with '{', otherwise YAML
// documents as cut by yaml.YAMLReader (lines read with bufio.ReadLine, each
// given back with "\n"; "---" lines separate).
func splitDocuments(data []byte) []document {
	if bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n"), []byte("{")) {
		var docs []document
		dec := json.NewDecoder(bytes.NewReader(data))
		for {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err == io.EOF {
				return docs
			} else if err != nil {
				return append(docs, document{err: err})
			}
			docs = append(docs, document{text: raw, isJSON: true})
		}
	}
	var docs []document
	r := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
	for {
		chunk, err := r.Read()
		if err == io.EOF {
			return docs
		} else if err != nil {
			return append(docs, document{err: err})
		}
		docs = append(docs, document{text: append([]byte(nil), chunk...)})
	}
}

func (o *oracle) judgeFile(path string, data []byte) []verdict {
	var out []verdict
	ordinal := 0
	for _, d := range splitDocuments(data) {
		sum := sha256.Sum256(d.text)
		base := verdict{File: path, Doc: ordinal, Sha256: hex.EncodeToString(sum[:]), Errors: []fieldError{}, Warnings: []string{}, Mutations: []mutation{}}
		if d.err != nil {
			base.Verdict = "unparsable"
			base.Errors = append(base.Errors, fieldError{Type: "Unparsable", Detail: d.err.Error(), Message: d.err.Error()})
			return append(out, base)
		}
		j := d.text
		if !d.isJSON {
			var err error
			if j, err = yaml.YAMLToJSON(d.text); err != nil {
				base.Verdict = "unparsable"
				base.Errors = append(base.Errors, fieldError{Type: "Unparsable", Detail: err.Error(), Message: err.Error()})
				out = append(out, base)
				ordinal++
				continue
			}
		}
		var top interface{}
		if err := json.Unmarshal(j, &top); err != nil {
			panic(err) // YAMLToJSON's output, or a value the JSON decoder already read
		}
		if top == nil {
			continue // an empty document: kubectl skips it
		}
		ordinal++
		m, _ := top.(map[string]interface{})
		if m == nil {
			base.reject("DecodeError", fmt.Sprintf("the document is a %T, not an object", top))
			out = append(out, base)
			continue
		}
		// kubectl flattens lists client side (any kind named *List with items)
		// and sends each item as JSON; an item with neither apiVersion nor kind
		// takes the list's (as unstructured list decoding does).
		if items, isList := m["items"].([]interface{}); isList && strings.HasSuffix(str(m["kind"]), "List") {
			for i, it := range items {
				v := base
				v.Item = new(int)
				*v.Item = i
				v.Errors, v.Warnings, v.Mutations = []fieldError{}, []string{}, []mutation{}
				im, _ := it.(map[string]interface{})
				if im == nil {
					v.reject("DecodeError", fmt.Sprintf("list item is a %T, not an object", it))
					out = append(out, v)
					continue
				}
				if im["apiVersion"] == nil && im["kind"] == nil {
					im["apiVersion"], im["kind"] = m["apiVersion"], strings.TrimSuffix(str(m["kind"]), "List")
				}
				body, err := json.Marshal(im)
				if err != nil {
					panic(err)
				}
				o.judge(&v, body, runtime.ContentTypeJSON, im)
				out = append(out, finish(v))
			}
			continue
		}
		v := base
		mediaType := runtime.ContentTypeYAML
		if d.isJSON {
			mediaType = runtime.ContentTypeJSON
		}
		o.judge(&v, d.text, mediaType, m)
		out = append(out, finish(v))
	}
	return out
}

// finish makes a verdict deterministic: validation may visit maps (labels,
// annotations, data) in random order, so errors and warnings are sorted.
func finish(v verdict) verdict {
	sort.SliceStable(v.Errors, func(i, j int) bool {
		a, b := v.Errors[i], v.Errors[j]
		if a.Field != b.Field {
			return a.Field < b.Field
		}
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		return a.Message < b.Message
	})
	sort.Strings(v.Warnings)
	return v
}

func kubernetesVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "k8s.io/kubernetes" {
				return strings.TrimPrefix(d.Version, "v")
			}
		}
	}
	return "unknown"
}

func main() {
	filesFrom := flag.String("files-from", "", "also read file paths, one per line, from this file ('-': standard input)")
	gates := flag.Bool("gates", false, "print every feature gate with its default in this release, and exit")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: %s [-files-from LIST] [FILE...]\n       %s -gates\n", os.Args[0], os.Args[0])
		flag.PrintDefaults()
	}
	flag.Parse()
	quietKlog()
	capabilities.Setup(allowPrivileged, 0) // as kube-apiserver does with its flags
	if *gates {
		printGates()
		return
	}
	paths := flag.Args()
	if *filesFrom != "" {
		f := os.Stdin
		if *filesFrom != "-" {
			var err error
			if f, err = os.Open(*filesFrom); err != nil {
				fatal(err)
			}
		}
		s := bufio.NewScanner(f)
		for s.Scan() {
			if p := strings.TrimSpace(s.Text()); p != "" {
				paths = append(paths, p)
			}
		}
		if err := s.Err(); err != nil {
			fatal(err)
		}
	}
	seen := map[string]bool{}
	var files []string
	for _, p := range paths {
		p = filepath.ToSlash(filepath.Clean(p))
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	sort.Strings(files)

	o, err := newOracle()
	if err != nil {
		fatal(err)
	}
	w := bufio.NewWriter(os.Stdout)
	line := func(prefix string, v interface{}, suffix string) {
		w.WriteString(prefix)
		var b bytes.Buffer
		e := json.NewEncoder(&b)
		e.SetEscapeHTML(false)
		if err := e.Encode(v); err != nil {
			fatal(err)
		}
		w.Write(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
		w.WriteString(suffix)
	}
	var objects []verdict
	line("{\n  \"kubernetes\": ", kubernetesVersion(), ",\n  \"files\": {")
	for i, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			fatal(err)
		}
		sum := sha256.Sum256(data)
		sep := ","
		if i == len(files)-1 {
			sep = ""
		}
		line("\n    ", f, ": \""+hex.EncodeToString(sum[:])+"\""+sep)
		objects = append(objects, o.judgeFile(f, data)...)
	}
	w.WriteString("\n  },\n  \"objects\": [")
	for i, v := range objects {
		v.stabilize()
		sep := ","
		if i == len(objects)-1 {
			sep = ""
		}
		line("\n    ", v, sep)
	}
	w.WriteString("\n  ]\n}\n")
	if err := w.Flush(); err != nil {
		fatal(err)
	}
}

func printGates() {
	all := utilfeature.DefaultMutableFeatureGate.GetAll()
	names := make([]string, 0, len(all))
	for name := range all {
		names = append(names, string(name))
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Printf("%s=%v\n", n, utilfeature.DefaultFeatureGate.Enabled(featuregate.Feature(n)))
	}
}

// quietKlog keeps the registry's informational logs (e.g. "allocated
// clusterIPs") off stderr; errors still go there.
func quietKlog() {
	fs := flag.NewFlagSet("klog", flag.ContinueOnError)
	klog.InitFlags(fs)
	for name, value := range map[string]string{"logtostderr": "false", "alsologtostderr": "false", "stderrthreshold": "ERROR"} {
		if err := fs.Set(name, value); err != nil {
			fatal(err)
		}
	}
	klog.SetOutput(io.Discard)
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "oracle:", err)
	os.Exit(2)
}
