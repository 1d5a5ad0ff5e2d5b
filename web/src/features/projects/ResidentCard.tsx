// The resident hub's card for practical projects: a few projects of the resident's areas with their
// progress and a follow button, and the conventions still waiting for the resident's signature.
import { Card, Space, Tag, Typography } from "antd";
import { Link } from "react-router-dom";
import { useI18n } from "../../i18n";
import { FollowButton } from "./ProjectsPage";
import { useAgreements, useProjects } from "./queries";
import { ProjectProgress, ProjectStatusTag } from "./ui";

export function ProjectsResidentCard() {
  const { t } = useI18n();
  const projects = useProjects({ roots: "true", page: 1, pageSize: 3 });
  const agreements = useAgreements({ page: 1, pageSize: 20 });
  const toSign = (agreements.data?.items ?? []).filter((a) => a.kind !== "duty" && !a.signedByMe);
  const items = projects.data?.items ?? [];
  return (
    <Card
      size="small"
      title={t("projCardTitle")}
      extra={<Link to="/decide/projects">{t("projCardMore")}</Link>}
      data-testid="projects-resident-card"
    >
      <Space orientation="vertical" size={10} style={{ width: "100%" }}>
        {items.map((p) => (
          <div key={p.id}>
            <Space size={6} wrap>
              <Link to={`/decide/projects/${p.id}`}>{p.title}</Link>
              <ProjectStatusTag status={p.status} />
            </Space>
            <ProjectProgress value={p.progress} status={p.status} size="small" />
            <FollowButton id={p.id} following={p.following} count={p.followerCount} />
          </div>
        ))}
        {!projects.isLoading && items.length === 0 && <Typography.Text type="secondary">{t("projCardEmpty")}</Typography.Text>}
        {toSign.length > 0 && (
          <div>
            <Typography.Text strong>{t("projCardAgreements")}</Typography.Text>
            {toSign.slice(0, 3).map((a) => (
              <div key={a.id}>
                <Link to={`/decide/agreements/${a.id}`} data-testid="agreement-to-sign">
                  {a.title}
                </Link>{" "}
                <Tag color="orange">{t("agrToSign")}</Tag>
              </div>
            ))}
          </div>
        )}
      </Space>
    </Card>
  );
}
