import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Progress,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
  type UploadFile,
} from "antd";
import { useEffect, useState } from "react";
import { api, download } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useI18n } from "../../i18n";
import { importKindLabels, importStatusLabels, label, options } from "../../labels";
import type { ImportJob, ImportKind } from "../../types";

const KINDS: ImportKind[] = ["residents", "households", "buildings", "grids"];
type Mode = "all_or_nothing" | "good_rows";

function isRunning(job: ImportJob | undefined): boolean {
  return job?.status === "validating" || job?.status === "importing";
}

const statusColor: Record<ImportJob["status"], string> = {
  validating: "processing",
  validated: "blue",
  importing: "processing",
  done: "success",
  failed: "error",
};

export default function ImportPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [kind, setKind] = useState<ImportKind>("residents");
  const [file, setFile] = useState<File | null>(null);
  const [fileList, setFileList] = useState<UploadFile[]>([]);
  const [jobId, setJobId] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>("all_or_nothing");

  const job = useQuery({
    queryKey: ["import-job", jobId],
    queryFn: () => api.get<ImportJob>(`/api/import/jobs/${jobId}`),
    enabled: !!jobId,
    refetchInterval: (q) => (isRunning(q.state.data) ? 500 : false),
  });

  const upload = useMutation({
    mutationFn: () => {
      const form = new FormData();
      if (file) form.append("file", file);
      return api.upload<ImportJob>(`/api/import/${kind}`, form);
    },
    onSuccess: (j) => {
      qc.setQueryData(["import-job", j.id], j);
      setJobId(j.id);
    },
    onError: (e) => message.error(e.message),
  });

  const commit = useMutation({
    mutationFn: () => api.post<ImportJob>(`/api/import/jobs/${jobId}/commit`, { mode }),
    onSuccess: (j) => {
      qc.setQueryData(["import-job", j.id], j);
      qc.invalidateQueries({ queryKey: ["import-job", j.id] });
    },
    onError: (e) => message.error(e.message),
  });

  const j = job.data;
  const percent = j && j.totalRows > 0 ? Math.round((j.processedRows / j.totalRows) * 100) : 0;
  const done = j?.status === "done";
  useEffect(() => {
    // Registry data changed: refresh the lists.
    if (done)
      for (const k of ["residents", "households", "buildings", "grids", "stats"]) void qc.invalidateQueries({ queryKey: [k] });
  }, [done, qc]);

  function resetJob() {
    setJobId(null);
    setFile(null);
    setFileList([]);
    upload.reset();
    commit.reset();
  }

  return (
    <Row gutter={[16, 16]}>
      <Col xs={{ span: 24, order: 2 }} lg={{ span: 8, order: 1 }}>
        <Card size="small" title={t("templates")}>
          <Space orientation="vertical" style={{ width: "100%" }}>
            {KINDS.map((k) => (
              <Button key={k} block icon={<DownloadOutlined />} onClick={() => download(`/api/import/templates/${k}.xlsx`)}>
                {label(importKindLabels, k, lang)} · {t("downloadTemplate")}
              </Button>
            ))}
          </Space>
        </Card>
      </Col>
      <Col xs={{ span: 24, order: 1 }} lg={{ span: 16, order: 2 }}>
        <Card size="small" title={t("importTitle")}>
          {!jobId ? (
            <Space orientation="vertical" style={{ width: "100%" }} size={12}>
              <Space wrap>
                <span>{t("importKind")}</span>
                <Select<ImportKind>
                  value={kind}
                  onChange={setKind}
                  options={options(importKindLabels, lang)}
                  style={{ width: 160 }}
                />
              </Space>
              <Upload
                accept=".xlsx,.csv"
                maxCount={1}
                fileList={fileList}
                beforeUpload={(f) => {
                  setFile(f);
                  setFileList([{ uid: f.uid, name: f.name, status: "done" }]);
                  return false;
                }}
                onRemove={() => {
                  setFile(null);
                  setFileList([]);
                }}
              >
                <Button icon={<UploadOutlined />}>{t("chooseFile")}</Button>
              </Upload>
              <Button type="primary" disabled={!file} loading={upload.isPending} onClick={() => upload.mutate()}>
                {t("upload")}
              </Button>
              {upload.error && <ErrorAlert error={upload.error} />}
            </Space>
          ) : (
            <ImportJobView
              job={j}
              percent={percent}
              error={job.error}
              mode={mode}
              setMode={setMode}
              onCommit={() => commit.mutate()}
              committing={commit.isPending}
              onReset={resetJob}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}

function ImportJobView(props: {
  job: ImportJob | undefined;
  percent: number;
  error: unknown;
  mode: Mode;
  setMode: (m: Mode) => void;
  onCommit: () => void;
  committing: boolean;
  onReset: () => void;
}) {
  const { t, lang } = useI18n();
  const { job: jv } = props;
  if (props.error) return <ErrorAlert error={props.error} />;
  if (!jv) return null;
  return (
    <Space orientation="vertical" style={{ width: "100%" }} size={12}>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label={t("importKind")}>{label(importKindLabels, jv.kind, lang)}</Descriptions.Item>
        <Descriptions.Item label={t("jobStatus")}>
          <Tag color={statusColor[jv.status]} data-testid="import-status">
            {label(importStatusLabels, jv.status, lang)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t("fileName")}>{jv.fileName}</Descriptions.Item>
        <Descriptions.Item label={t("rows")}>{jv.totalRows}</Descriptions.Item>
        <Descriptions.Item label={t("errorCount")}>{jv.errorCount}</Descriptions.Item>
        <Descriptions.Item label={t("importedRows")}>{jv.importedRows}</Descriptions.Item>
      </Descriptions>
      <Progress
        percent={jv.status === "done" ? 100 : props.percent}
        status={jv.status === "failed" ? "exception" : isRunning(jv) ? "active" : jv.status === "done" ? "success" : "normal"}
        format={() => `${jv.processedRows}/${jv.totalRows}`}
      />
      {jv.status === "done" && <Alert type="success" showIcon title={t("importDone", { n: jv.importedRows })} />}
      {jv.status === "failed" && <Alert type="error" showIcon title={t("importFailed")} />}
      {jv.errorCount > 0 && (
        <>
          <Space wrap>
            <Button icon={<DownloadOutlined />} onClick={() => download(`/api/import/jobs/${jv.id}/errors.xlsx`)}>
              {t("downloadErrors")}
            </Button>
            {jv.errorCount > jv.errors.length && <span>{t("firstErrors")}</span>}
          </Space>
          <Table
            rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
            size="small"
            dataSource={jv.errors}
            pagination={{ pageSize: 10, size: "small", hideOnSinglePage: true }}
            scroll={{ x: "max-content" }}
            columns={[
              { title: t("row"), dataIndex: "row", width: 70 },
              { title: t("column"), dataIndex: "column", width: 120 },
              { title: t("message"), dataIndex: "message" },
            ]}
          />
        </>
      )}
      {jv.status === "validated" && (
        <Space orientation="vertical">
          <Radio.Group value={props.mode} onChange={(e) => props.setMode(e.target.value as Mode)}>
            <Space orientation="vertical">
              <Radio value="all_or_nothing">{t("modeAll")}</Radio>
              <Radio value="good_rows">{t("modeGood")}</Radio>
            </Space>
          </Radio.Group>
          {props.mode === "all_or_nothing" && jv.errorCount > 0 && (
            <Typography.Text type="warning">{t("allOrNothingBlocked")}</Typography.Text>
          )}
          <Button
            type="primary"
            loading={props.committing}
            disabled={props.mode === "all_or_nothing" && jv.errorCount > 0}
            onClick={props.onCommit}
          >
            {t("commit")}
          </Button>
        </Space>
      )}
      {!isRunning(jv) && <Button onClick={props.onReset}>{t("newImport")}</Button>}
    </Space>
  );
}
