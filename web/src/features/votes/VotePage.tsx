// Staff: one vote — set-up and rule, open / close / publish / cancel, the electorate with turnout,
// paper-ballot entry, the result with the rule and a chart, the published ballot list.
import { useMutation } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyServerErrors } from "../../components/formErrors";
import { formatTime } from "../../components/format";
import { useI18n } from "../../i18n";
import { useElectors, useVote, useVtRefresh } from "./queries";
import type { Elector, Vote } from "./types";
import { BallotListCard, k, PassedTag, ResultView, VoteStatusTag } from "./ui";

export default function VotePage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const vote = useVote(id, true);
  const v = vote.data;
  if (vote.isLoading) return <Spin style={{ display: "block", margin: 64 }} />;
  if (!v) return <ErrorAlert error={vote.error} />;
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card
        title={
          <Space wrap>
            <span>{v.title}</span>
            <VoteStatusTag status={v.status} />
            <PassedTag passed={v.passed} kind={v.kind} />
            <Tag>{t(v.secret ? "vtSecret" : "vtOpenBallot")}</Tag>
          </Space>
        }
        extra={<Link to="/decide/votes">{t("vtBack")}</Link>}
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t("vtKind")}>{t(k(`vtVKind_${v.kind}`))}</Descriptions.Item>
          <Descriptions.Item label={t("vtElectorate")}>
            {t(k(`vtElectorate_${v.electorate}`))}
            {v.bodyName ? ` · ${v.bodyName}` : ""} · {v.areaName}
          </Descriptions.Item>
          <Descriptions.Item label={t("vtRule")}>{lang === "zh" ? v.ruleText.zh : v.ruleText.en}</Descriptions.Item>
          {v.meetingId && (
            <Descriptions.Item label={t("vtMeeting")}>
              <Link to={`/decide/meetings/${v.meetingId}`}>{v.meetingTitle}</Link>
            </Descriptions.Item>
          )}
          {v.recallMemberName && <Descriptions.Item label={t("vtRecallMember")}>{v.recallMemberName}</Descriptions.Item>}
          {v.fund && <Descriptions.Item label={t("vtFund")}>{v.fund}</Descriptions.Item>}
          {v.maxChoices && <Descriptions.Item label={t("vtMaxChoices")}>{v.maxChoices}</Descriptions.Item>}
          <Descriptions.Item label={t("vtTurnout")}>
            <span data-testid="vote-turnout">
              {v.turnout}
              {v.electorateCount !== null && ` / ${v.electorateCount}`}
            </span>
            {v.electorateArea && ` · ${v.electorateArea} ㎡`}
          </Descriptions.Item>
          <Descriptions.Item label={t("vtClosesAt")}>{formatTime(v.closesAt)}</Descriptions.Item>
          {v.description && <Descriptions.Item label={t("vtDescription")}>{v.description}</Descriptions.Item>}
        </Descriptions>
        {v.options.length > 0 && (
          <Space wrap style={{ marginBottom: 12 }}>
            {v.options.map((o) => (
              <Tag key={o.id}>
                {o.position}. {o.label}
                {o.cost ? ` (${o.cost})` : ""}
              </Tag>
            ))}
          </Space>
        )}
        <Actions v={v} />
      </Card>
      {v.result && (
        <Card size="small" title={t("vtResult")}>
          <ResultView result={v.result} vote={v} />
        </Card>
      )}
      <BallotListCard vote={v} />
      {v.status !== "draft" && v.status !== "cancelled" && <ElectorsCard v={v} />}
    </Space>
  );
}

function Actions({ v }: { v: Vote }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const refresh = useVtRefresh();
  const [paperOpen, setPaperOpen] = useState(false);
  const [reason, setReason] = useState("");
  const act = useMutation({
    mutationFn: (a: "open" | "close" | "publish" | "cancel") =>
      api.post(`/api/decide/votes/${v.id}/${a}`, a === "cancel" ? { reason } : undefined),
    onSuccess: refresh,
  });
  return (
    <>
      <ErrorAlert error={act.error} />
      <Space wrap>
        {v.canManage && v.status === "draft" && (
          <Button type="primary" onClick={() => act.mutate("open")} loading={act.isPending} data-testid="vote-open">
            {t("vtOpenVote")}
          </Button>
        )}
        {v.canManage && v.status === "open" && (
          <Button
            type="primary"
            data-testid="vote-close"
            loading={act.isPending}
            onClick={() => modal.confirm({ title: t("vtConfirmClose"), onOk: () => act.mutateAsync("close") })}
          >
            {t("vtCloseVote")}
          </Button>
        )}
        {v.canManage && v.status === "closed" && (
          <Button type="primary" onClick={() => act.mutate("publish")} loading={act.isPending} data-testid="vote-publish">
            {t("vtPublishVote")}
          </Button>
        )}
        {v.canRecord && v.status === "open" && (
          <Button onClick={() => setPaperOpen(true)} data-testid="vote-paper">
            {t("vtPaperBallot")}
          </Button>
        )}
        {v.canManage && (v.status === "draft" || v.status === "open") && (
          <Popconfirm
            title={
              <Input
                placeholder={t("vtCancelReason")}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                style={{ width: 220 }}
              />
            }
            onConfirm={() => reason.trim() && act.mutate("cancel")}
          >
            <Button danger>{t("vtCancelVote")}</Button>
          </Popconfirm>
        )}
      </Space>
      {paperOpen && <PaperBallotDialog v={v} onClose={() => setPaperOpen(false)} />}
    </>
  );
}

type PaperValues = { serial: string; electorId: string; choice?: string; optionIds?: string[] };

function PaperBallotDialog({ v, onClose }: { v: Vote; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const refresh = useVtRefresh();
  const [form] = Form.useForm<PaperValues>();
  const [search, setSearch] = useState("");
  const [rest, setRest] = useState<string[]>([]);
  const electors = useElectors(v.id, { search: search || undefined, voted: "false", pageSize: 50 }, true);
  const save = useMutation({
    mutationFn: (x: PaperValues) =>
      api.post<{ receipt: string }>(`/api/decide/votes/${v.id}/paper-ballots`, {
        serial: x.serial,
        electorId: x.electorId,
        ...(v.kind === "yes_no" ? { choice: x.choice } : { optionIds: x.optionIds ?? [] }),
      }),
    onSuccess: (r) => {
      message.success(t("vtEntered", { code: r.receipt }), 8);
      form.resetFields(["serial", "electorId", "choice", "optionIds"]);
      setRest([]);
      refresh();
    },
    onError: (e) => setRest(applyServerErrors(form, e, ["serial", "electorId", "choice", "optionIds"])),
  });
  return (
    <Modal
      open
      title={t("vtPaperBallot")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("vtSave")}
      confirmLoading={save.isPending}
    >
      <ErrorAlert error={rest.length ? save.error : null} extra={rest} />
      <Form form={form} layout="vertical" onFinish={(x) => save.mutate(x)}>
        <Form.Item name="serial" label={t("vtSerial")} rules={[{ required: true, max: 40 }]}>
          <Input data-testid="paper-serial" />
        </Form.Item>
        <Form.Item name="electorId" label={t("vtElector")} rules={[{ required: true }]}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setSearch}
            loading={electors.isFetching}
            options={(electors.data?.items ?? []).map((e) => ({ value: e.electorId, label: e.label }))}
            data-testid="paper-elector"
          />
        </Form.Item>
        {v.kind === "yes_no" ? (
          <Form.Item name="choice" label={t("vtChoice")} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              options={(["yes", "no", "abstain"] as const).map((c) => ({ value: c, label: t(k(`vtChoice_${c}`)) }))}
            />
          </Form.Item>
        ) : (
          <Form.Item name="optionIds" label={t("vtChoice")}>
            <Select mode="multiple" options={v.options.map((o) => ({ value: o.id, label: o.label }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function ElectorsCard({ v }: { v: Vote }) {
  const { t } = useI18n();
  const [search, setSearch] = useState("");
  const [voted, setVoted] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const electors = useElectors(v.id, { search: search || undefined, voted, page, pageSize: 20 }, true);
  return (
    <Card size="small" title={t("vtElectorsList")}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          placeholder={t("vtSearch")}
          allowClear
          onSearch={(s) => {
            setSearch(s);
            setPage(1);
          }}
          style={{ width: 220 }}
        />
        <Select
          allowClear
          style={{ width: 120 }}
          value={voted}
          onChange={(x) => {
            setVoted(x);
            setPage(1);
          }}
          options={[
            { value: "true", label: t("vtVoted") },
            { value: "false", label: t("vtNotVoted") },
          ]}
        />
      </Space>
      <ErrorAlert error={electors.error} />
      <Table<Elector>
        size="small"
        rowKey="electorId"
        loading={electors.isLoading}
        dataSource={electors.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: electors.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t("vtElector"), dataIndex: "label" },
          ...(v.electorate === "owners"
            ? [
                { title: t("vtFloorArea"), dataIndex: "area" },
                { title: t("vtFlats"), dataIndex: "flats" },
              ]
            : []),
          {
            title: t("vtTurnout"),
            render: (_: unknown, e) =>
              e.voted ? (
                <Tag color="success">
                  {t("vtVoted")} · {t(k(`vtChannel_${e.channel}`))}
                  {e.paperSerial ? ` ${e.paperSerial}` : ""}
                </Tag>
              ) : (
                <Typography.Text type="secondary">{t("vtNotVoted")}</Typography.Text>
              ),
          },
        ]}
      />
    </Card>
  );
}
