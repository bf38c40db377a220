export { startSandbox } from './sandbox-server';
export { loadSandboxHosts, demoHostsFile } from './sandbox-hosts';
export type {
  FaultSpec,
  ReceivedCall,
  RunningSandbox,
  SandboxCredential,
  SandboxOptions,
  SandboxTask,
} from './sandbox.types';
