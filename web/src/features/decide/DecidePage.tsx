// The resident's hub for community affairs (社区议事): what to back, vote on, follow, read and rate,
// one card per kind, each linking to its full page. Phone-first: one column on phones, two on desks.
import { Col, Row, Typography } from "antd";
import { useMe } from "../../auth/useMe";
import { useI18n } from "../../i18n";
import { BudgetResidentCard } from "../budget/ResidentCard";
import { DeliberationResidentCard } from "../deliberation/ResidentCard";
import { DisclosureResidentCard } from "../disclosure/ResidentCard";
import { EvaluationResidentCard } from "../evaluation/ResidentCard";
import { ProjectsResidentCard } from "../projects/ResidentCard";
import { VotesResidentCard } from "../votes/ResidentCard";

export default function DecidePage() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const cards = [
    <VotesResidentCard key="votes" />,
    <DeliberationResidentCard key="proposals" />,
    <BudgetResidentCard key="budget" />,
    <EvaluationResidentCard key="evaluation" />,
    <ProjectsResidentCard key="projects" />,
    <DisclosureResidentCard key="disclosure" />,
  ];
  return (
    <div data-testid="decide-hub">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t("decideHubTitle")}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t("decideHubIntro", { name: me?.displayName ?? "" })}</Typography.Paragraph>
      <Row gutter={[12, 12]}>
        {cards.map((card) => (
          <Col key={card.key} xs={24} lg={12}>
            {card}
          </Col>
        ))}
      </Row>
    </div>
  );
}
