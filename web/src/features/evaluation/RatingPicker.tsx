// One item to rate: three big buttons (满意 / 基本满意 / 不满意) and an optional comment. Phone-first.
import { FrownOutlined, MehOutlined, SmileOutlined } from "@ant-design/icons";
import { Button, Card, Input, Typography } from "antd";
import { useI18n } from "../../i18n";
import type { Rating, SurveyItem } from "./types";
import { RATING_COLORS, ratingKey, targetKey } from "./ui";

export type Answer = { rating?: Rating; comment?: string };

const ICONS: Record<Rating, React.ReactNode> = {
  satisfied: <SmileOutlined />,
  basic: <MehOutlined />,
  dissatisfied: <FrownOutlined />,
};

export function RatingPicker({
  item,
  value,
  onChange,
  disabled,
}: {
  item: SurveyItem;
  value: Answer;
  onChange: (a: Answer) => void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Card size="small" data-testid="eval-item" styles={{ body: { padding: 12 } }}>
      <Typography.Text strong style={{ fontSize: 16 }}>
        {item.position}. {item.label}
      </Typography.Text>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(targetKey(item.targetType))}
          {item.ownerName && item.targetType !== "cadre" ? ` · ${item.ownerName}` : ""}
        </Typography.Text>
      </div>
      <div style={{ display: "grid", gridTemplateColumns: "repeat(3, 1fr)", gap: 8, margin: "10px 0" }}>
        {(["satisfied", "basic", "dissatisfied"] as Rating[]).map((r) => {
          const on = value.rating === r;
          return (
            <Button
              key={r}
              size="large"
              block
              disabled={disabled}
              icon={ICONS[r]}
              aria-pressed={on}
              onClick={() => onChange({ ...value, rating: r })}
              data-testid={`eval-${r}`}
              style={{
                height: 56,
                whiteSpace: "normal",
                lineHeight: 1.2,
                padding: "4px 6px",
                ...(on ? { background: RATING_COLORS[r], borderColor: RATING_COLORS[r], color: "#fff" } : {}),
              }}
            >
              {t(ratingKey(r))}
            </Button>
          );
        })}
      </div>
      <Input.TextArea
        rows={2}
        maxLength={1000}
        disabled={disabled}
        placeholder={t("evalCommentPlaceholder")}
        value={value.comment ?? ""}
        onChange={(e) => onChange({ ...value, comment: e.target.value })}
        data-testid="eval-comment"
      />
    </Card>
  );
}
