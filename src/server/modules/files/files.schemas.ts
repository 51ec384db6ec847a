import { z } from 'zod';
import { FILE_KINDS } from './upload-file.js';

export const filesSchemas = {
  upload: {
    querystring: z.object({ kind: z.enum(FILE_KINDS, '文件类别无效') }),
    response: {
      200: z.object({
        id: z.uuid(),
        mimeType: z.string().describe('按内容识别并重新编码后的类型：application/pdf 或 image/jpeg'),
      }),
    },
  },
  read: { params: z.object({ id: z.uuid('文件编号格式错误') }) },
};
