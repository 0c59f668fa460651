// The kubelet's Events for the sandbox's kwok stages. A stage's own event is
// fixed text, but the kubelet's name the image or the container, so these are
// written by kwok's apply step from Go templates over the pod.

/** A step of a stage: kwok runs them in order, each one an API call. */
export type Step = {event: {type: 'Normal' | 'Warning'; reason: string; message: string}} | {patch: object} | {apply: object} | {delete: true};

/** Go-template (sprig) list literal of the known images. */
export function imageList(images: string[]): string {
	return `(list ${images.map(i => JSON.stringify(i)).join(' ')})`;
}

/**
 * Go template binding $pullError to what containerd answers the kubelet for the
 * image of container `container`, with the reference normalised as containerd
 * does (todoapj:1.0 is docker.io/library/todoapj:1.0): a missing tag of a
 * known repository is NotFound; a repository that does not exist is, on
 * Docker Hub, "pull access denied".
 */
export function pullError(knownImages: string[], container: string): string {
	const repositories = [...new Set(knownImages.map(image => image.replace(/[:@][^:/]*$/, '')))];
	return (
		`{{ $ref := ${container}.image }}{{ $first := index (splitList "/" $ref) 0 }}` +
		'{{ if not (contains "/" $ref) }}{{ $ref = printf "docker.io/library/%s" $ref }}' +
		'{{ else if not (or (contains "." $first) (contains ":" $first) (eq $first "localhost")) }}{{ $ref = printf "docker.io/%s" $ref }}{{ end }}' +
		'{{ if not (or (contains ":" (last (splitList "/" $ref))) (contains "@" $ref)) }}{{ $ref = printf "%s:latest" $ref }}{{ end }}' +
		`{{ $pullError := "" }}{{ if has (regexReplaceAll "[:@][^:/]*$" ${container}.image "") ${imageList(repositories)} }}` +
		'{{ $pullError = printf "rpc error: code = NotFound desc = failed to pull and unpack image %q: failed to resolve reference %q: %s: not found" $ref $ref $ref }}' +
		'{{ else }}{{ $pullError = printf "rpc error: code = Unknown desc = failed to pull and unpack image %q: failed to resolve reference %q: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed" $ref $ref }}{{ end }}'
	);
}

/**
 * An Event as the kubelet records it, written by kwok's apply step because a
 * stage's own event message is fixed text and the kubelet's names the image or
 * the container. Same name for the same pod, reason and message, so a repeat
 * updates `count` as the kubelet's event correlator does; the merge patch of a
 * repeat leaves firstTimestamp as the first one set it.
 */
export function kubeletEvent(options: {type: 'Normal' | 'Warning'; reason: string; container: string; message: string; count: string}): Step {
	const template = `{{ $now := Now }}{{ $c := ${options.container} }}{{ $message := ${options.message} }}{{ $count := int64 (${options.count}) }}
apiVersion: v1
kind: Event
metadata:
  name: {{ printf "%s.%s" .metadata.name (print .metadata.uid "/${options.reason}/" $message | sha1sum | trunc 16) | Quote }}
  namespace: {{ .metadata.namespace | Quote }}
involvedObject:
  apiVersion: v1
  kind: Pod
  name: {{ .metadata.name | Quote }}
  namespace: {{ .metadata.namespace | Quote }}
  uid: {{ .metadata.uid | Quote }}
  fieldPath: {{ printf "spec.containers{%s}" $c.name | Quote }}
type: ${options.type}
reason: ${options.reason}
message: {{ $message | Quote }}
source:
  component: kubelet
  host: {{ .spec.nodeName | Quote }}
reportingComponent: kubelet
reportingInstance: {{ .spec.nodeName | Quote }}
count: {{ $count }}
{{ if le $count 1 }}firstTimestamp: {{ $now | Quote }}
{{ end }}lastTimestamp: {{ $now | Quote }}`;
	return {apply: {type: 'merge', template}};
}

/** Prepends Go template bindings to an event's template. */
export function withPrelude(step: Step, prelude: string): Step {
	if (!('apply' in step)) return step;
	const apply = step.apply as {type: string; template: string};
	return {apply: {...apply, template: prelude + apply.template}};
}
