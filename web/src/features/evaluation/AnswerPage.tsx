// Resident: fill in one evaluation — every item rated with one tap, comments optional. After
// submitting, the resident sees their own answers; everyone's results appear at close.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Result, Space, Spin, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatTime } from "../../components/format";
import { useI18n } from "../../i18n";
import { newIdempotencyKey, postWithKey } from "../appeals/queries";
import { SURVEYS, surveysKey, useSurvey } from "./queries";
import { type Answer, RatingPicker } from "./RatingPicker";
import { kindKey, ratingKey, SurveyStatusTag } from "./ui";

export default function AnswerPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const qc = useQueryClient();
  const q = useSurvey(id);
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [key] = useState(newIdempotencyKey);
  const submit = useMutation({
    mutationFn: (ratings: { itemId: string; rating: string; comment: string | null }[]) =>
      postWithKey<{ id: string; duplicate: boolean }>(`${SURVEYS}/${id}/responses`, { ratings }, key),
    onSuccess: () => qc.invalidateQueries({ queryKey: surveysKey }),
  });

  if (q.isLoading)
    return (
      <div style={{ textAlign: "center", padding: 64 }}>
        <Spin />
      </div>
    );
  const s = q.data;
  if (!s) return <ErrorAlert error={q.error} />;
  const done = s.items.filter((i) => answers[i.id]?.rating).length;
  const mine = new Map((s.myResponse?.ratings ?? []).map((r) => [r.itemId, r]));

  return (
    <div style={{ maxWidth: 640, margin: "0 auto" }} data-testid="eval-answer-page">
      <Space orientation="vertical" size={12} style={{ width: "100%" }}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {s.title}
          </Typography.Title>
          <Space size={4} wrap style={{ marginTop: 4 }}>
            <SurveyStatusTag status={s.status} />
            <Tag>{t(kindKey(s.kind))}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {s.areaName}
              {s.closesAt ? ` · ${t("evalClosesIn", { time: formatTime(s.closesAt) })}` : ""}
            </Typography.Text>
          </Space>
          {s.description && <Typography.Paragraph style={{ marginTop: 8 }}>{s.description}</Typography.Paragraph>}
        </div>

        {s.status === "closed" && (
          <Alert
            type="info"
            showIcon
            title={t("evalResults")}
            action={
              <Link to={`/decide/evaluate/${s.id}/results`} data-testid="eval-view-results">
                {t("evalViewResults")}
              </Link>
            }
          />
        )}

        {s.myResponse || submit.isSuccess ? (
          <>
            <Result
              status="success"
              title={t("evalSubmitted")}
              subTitle={t("evalPrivacyNote")}
              style={{ padding: "16px 0" }}
              data-testid="eval-submitted"
            />
            {s.items.map((i) => {
              const r = mine.get(i.id);
              return (
                <div key={i.id} style={{ display: "flex", justifyContent: "space-between", gap: 8 }}>
                  <span>
                    {i.position}. {i.label}
                  </span>
                  <Tag>{r ? t(ratingKey(r.rating)) : "-"}</Tag>
                </div>
              );
            })}
          </>
        ) : s.accepting ? (
          <>
            <Typography.Text type="secondary">{t("evalPrivacyNote")}</Typography.Text>
            {s.items.map((i) => (
              <RatingPicker
                key={i.id}
                item={i}
                value={answers[i.id] ?? {}}
                onChange={(a) => setAnswers((x) => ({ ...x, [i.id]: a }))}
                disabled={submit.isPending}
              />
            ))}
            <ErrorAlert error={submit.error} />
            <Button
              type="primary"
              size="large"
              block
              disabled={done < s.items.length}
              loading={submit.isPending}
              onClick={() =>
                submit.mutate(
                  s.items.map((i) => ({
                    itemId: i.id,
                    rating: answers[i.id]?.rating as string,
                    comment: answers[i.id]?.comment?.trim() || null,
                  })),
                )
              }
              data-testid="eval-submit"
            >
              {done < s.items.length ? t("evalRateAll", { done, total: s.items.length }) : t("evalSubmit")}
            </Button>
          </>
        ) : (
          s.status !== "closed" && <Alert type="warning" showIcon title={t("evalNotAccepting")} />
        )}
      </Space>
    </div>
  );
}
