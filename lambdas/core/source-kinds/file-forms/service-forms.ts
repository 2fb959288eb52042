// The file forms of the kinds that read what a service or workload is given (ECS, EKS, Kubernetes,
// Secrets Manager, AppConfig), imported together (file-form-imports.ts): one chunk for an estate that has any.
export { appConfigFiles } from './appconfig';
export { ecsFiles } from './ecs';
export { eksFiles } from './eks';
export { k8sFiles } from './k8s';
export { secretsManagerFiles } from './secretsmanager';
