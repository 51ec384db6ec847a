import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/client.js';
import { courseCategories, courses, lessons } from '../../db/schema/index.js';

const VIDEO = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets', 'demo-lesson.webm');

type DemoLesson = { title: string; minutes?: number; body?: string; video?: true };
type DemoCourse = { title: string; description: string; categories: string[]; lessons: DemoLesson[] };

/**
 * A self-study lesson long enough that each course holds the hours its
 * categories require under the default rules (24 学时 for 三类人员 = 18 h, 16 for
 * 特种作业 = 12 h, one 学时 being 45 minutes): the demo plan can be completed, and
 * 达到学时人数 is not 0 by construction.
 */
const SELF_STUDY = (who: string, minutes: number): DemoLesson => ({
  title: `专题自学：${who}安全生产法律法规与标准规范`,
  minutes,
  body: `本课时为${who}的专题自学内容：《中华人民共和国安全生产法》《建设工程安全生产管理条例》《危险性较大的分部分项工程安全管理规定》及相关标准规范。请结合本企业的施工现场实际逐条学习，学习时长按服务器计时累计。`,
});

/**
 * Study material written for this product from the rules themselves (摘要, the
 * official texts prevail), and one short video lesson that plays in the browser.
 */
const COURSES: DemoCourse[] = [
  {
    title: '安管人员安全生产管理基础',
    description:
      '依据《建筑施工企业主要负责人、项目负责人和专职安全生产管理人员安全生产管理规定》（住房和城乡建设部令第17号）编写的入门课程。',
    categories: ['A', 'B', 'C1', 'C2', 'C3'],
    lessons: [
      { title: '施工现场安全警示（视频）', video: true },
      {
        title: '安管人员的考核与证书',
        minutes: 10,
        body: `建筑施工企业主要负责人、项目负责人和专职安全生产管理人员（统称“安管人员”）应当通过其受聘企业，向企业工商注册地的省、自治区、直辖市人民政府住房城乡建设主管部门申请安全生产考核，并取得安全生产考核合格证书。

安全生产考核包括安全生产知识考核和管理能力考核。申请考核的人员应当具备相应的文化程度、专业技术职称和一定的安全生产工作经历，与企业确立劳动关系，并经企业年度安全生产教育培训合格。

安全生产考核合格证书有效期为3年，证书在全国范围内有效。证书有效期届满需要延续的，安管人员应当在有效期届满前3个月内，由本人通过受聘企业向原考核机关申请证书延续。准予证书延续的，证书有效期延续3年。

安管人员变更受聘企业的，应当与原聘用企业解除劳动关系，并通过新聘用企业到考核机关申请办理证书变更手续。`,
      },
      {
        title: '各类安管人员的安全生产职责',
        minutes: 10,
        body: `主要负责人对本企业安全生产工作全面负责，应当建立健全企业安全生产管理体系，设置安全生产管理机构，配备专职安全生产管理人员，保证安全生产投入，督促检查本企业安全生产工作，及时消除安全事故隐患，落实安全生产责任。

项目负责人对本项目安全生产管理全面负责，应当建立项目安全生产管理体系，明确项目管理人员安全职责，落实安全生产管理制度，确保项目安全生产费用有效使用。项目负责人应当按规定实施项目安全生产管理，监控危险性较大的分部分项工程，及时排查处理施工现场安全事故隐患，隐患排查处理情况应当记入项目安全管理档案；发生事故时，应当按规定及时报告并开展现场救援。项目负责人应当按规定带班生产。

专职安全生产管理人员负责对安全生产进行现场监督检查。发现生产安全事故隐患，应当及时向项目负责人和安全生产管理机构报告；对违章指挥、违章操作的，应当立即制止。`,
      },
      SELF_STUDY('安管人员', 1060),
    ],
  },
  {
    title: '建筑施工特种作业人员安全基础',
    description: '依据《建筑施工特种作业人员管理规定》（建质〔2008〕75号）编写的入门课程。',
    categories: ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '99'],
    lessons: [
      { title: '施工现场安全警示（视频）', video: true },
      {
        title: '特种作业人员的条件、考核与证书',
        minutes: 10,
        body: `建筑施工特种作业人员是指在房屋建筑和市政工程施工活动中，从事可能对本人、他人及周围设备设施的安全造成重大危害作业的人员，包括建筑电工、建筑架子工、建筑起重信号司索工、建筑起重机械司机、建筑起重机械安装拆卸工、高处作业吊篮安装拆卸工等。

申请从事建筑施工特种作业的人员，应当年满18周岁且符合相关工种规定的年龄要求；经医院体检合格且无妨碍从事相应特种作业的疾病和生理缺陷；具有初中及以上学历；符合相应特种作业需要的其他条件。

特种作业人员的考核内容包括安全技术理论和安全操作技能。考核合格的，颁发资格证书。资格证书有效期为两年；有效期满需要延期的，建筑施工特种作业人员应当于期满前3个月内向原考核发证机关申请办理延期复核手续。

持有资格证书的人员，应当受聘于建筑施工企业或者建筑起重机械出租单位，方可从事相应的特种作业。特种作业人员应当严格按照安全技术标准、规范和规程进行作业，正确佩戴和使用安全防护用品，并按规定对作业工具和设备进行维护保养。`,
      },
      SELF_STUDY('特种作业人员', 710),
    ],
  },
];

export async function loadDemoCourses(deps: Deps, tx: Tx, ownerAccountId: string): Promise<void> {
  const video = fs.readFileSync(VIDEO);
  for (const c of COURSES) {
    const [course] = await tx
      .insert(courses)
      .values({ title: c.title, description: c.description, ownerAccountId, published: true })
      .returning({ id: courses.id });
    await tx.insert(courseCategories).values(c.categories.map((category) => ({ courseId: course.id, category })));
    for (const [i, l] of c.lessons.entries()) {
      let videoStorageKey: string | null = null;
      if (l.video) {
        videoStorageKey = `videos/demo-${randomUUID()}`;
        await deps.storage.put(videoStorageKey, video);
      }
      await tx.insert(lessons).values({
        courseId: course.id,
        title: l.title,
        kind: l.video ? 'video' : 'document',
        durationSeconds: l.video ? 20 : (l.minutes ?? 10) * 60,
        videoStorageKey,
        videoMimeType: l.video ? 'video/webm' : null,
        body: l.body ?? null,
        sortOrder: i + 1,
      });
    }
  }
}
