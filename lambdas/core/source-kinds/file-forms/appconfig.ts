import { appConfigRecording, recordedDeployment, type AppConfigKept } from '../../recordings/appconfig-recording';
import { appConfigRevert } from '../../revert/appconfig-revert';
import { parseAppConfig, type AppConfigDocument } from '../../sources/appconfig';
import { defineFileForm } from './file-form';

/** `appconfig`'s file form: the content, with get-deployment output beside it, read and recorded, and its revert plan. */
export const appConfigFiles = defineFileForm<'appconfig', AppConfigKept>({
  recorded: {
    reader: (spec, ctx) => {
      const documents: AppConfigDocument[] = [];
      return {
        input: 'text',
        add: (file, text) => void documents.push({ file, text }),
        // Content and deployment are told apart by their shape once all are read.
        finish: () => parseAppConfig({ documents }, spec, ctx),
      };
    },
  },
  recording: {
    // A recorded source's deployment is copied from its files; a live one's is what the reader kept.
    readsFiles: true,
    prepare: (spec, _ctx, { kept, files }) => {
      const deployment = spec.from ? recordedDeployment(files ?? []) : kept?.deployment;
      return (final) => {
        const recording = appConfigRecording(final, spec, deployment);
        return recording ? { type: 'appconfig', recording } : undefined;
      };
    },
  },
  revert: appConfigRevert,
});
