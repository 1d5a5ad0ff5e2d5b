import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Form, Input, Modal, Select } from "antd";
import { useEffect, useState } from "react";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyServerErrors } from "../../components/formErrors";
import { useI18n } from "../../i18n";
import { gridLevelLabels, options } from "../../labels";
import type { Grid, GridLevel } from "../../types";

interface Values {
  name: string;
  gridLevel?: GridLevel | null;
  polygon?: string;
}

export function GridEditModal({ grid, open, onClose }: { grid: Grid; open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [extra, setExtra] = useState<string[]>([]);

  useEffect(() => {
    if (open) {
      form.setFieldsValue({
        name: grid.name,
        gridLevel: grid.gridLevel,
        polygon: grid.polygon ? JSON.stringify(grid.polygon) : "",
      });
    }
  }, [open, grid, form]);

  const save = useMutation({
    mutationFn: (v: Values) =>
      api.patch(`/api/grids/${grid.id}`, {
        name: v.name,
        gridLevel: v.gridLevel ?? null,
        ...(v.polygon ? { polygon: JSON.parse(v.polygon) } : {}),
      }),
    onSuccess: () => {
      message.success(t("saved"));
      qc.invalidateQueries({ queryKey: ["grid", grid.id] });
      qc.invalidateQueries({ queryKey: ["grids"] });
      onClose();
    },
    onError: (e) => setExtra(applyServerErrors(form, e, ["name", "gridLevel", "polygon"])),
  });

  return (
    <Modal open={open} title={t("editGrid")} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      {save.error && <ErrorAlert error={save.error} extra={extra} />}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="name" label={t("name")} rules={[{ required: true, message: t("requiredField") }]}>
          <Input />
        </Form.Item>
        <Form.Item name="gridLevel" label={t("gridLevel")}>
          <Select allowClear options={options(gridLevelLabels, lang)} />
        </Form.Item>
        <Form.Item
          name="polygon"
          label={t("polygonJson")}
          rules={[
            {
              validator: async (_, v: string | undefined) => {
                if (!v) return;
                try {
                  const p = JSON.parse(v) as { type?: string };
                  if (p.type !== "Polygon") throw new Error();
                } catch {
                  throw new Error(t("invalidJson"));
                }
              },
            },
          ]}
        >
          <Input.TextArea rows={6} style={{ fontFamily: "monospace", fontSize: 12 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
