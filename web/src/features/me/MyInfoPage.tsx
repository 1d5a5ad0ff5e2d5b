import { Card, Descriptions, Typography } from "antd";
import { useMe } from "../../auth/useMe";
import { useI18n } from "../../i18n";
import { label, roleLabels } from "../../labels";

export default function MyInfoPage() {
  const { t, lang } = useI18n();
  const { data: me } = useMe();
  return (
    <Card title={t("myInfoTitle")}>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t("displayName")}>{me?.displayName}</Descriptions.Item>
        <Descriptions.Item label={t("username")}>{me?.username}</Descriptions.Item>
        <Descriptions.Item label={t("role")}>{label(roleLabels, me?.role, lang)}</Descriptions.Item>
        <Descriptions.Item label={t("areas")}>{me?.areas.map((a) => a.name).join("、") || "-"}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        {t("myInfoText")}
      </Typography.Paragraph>
    </Card>
  );
}
