import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Tabs, Typography } from "antd";
import { useState } from "react";
import { api } from "../../api";
import { applyServerErrors } from "../../components/formErrors";
import { SimpleList } from "../../components/SimpleList";
import { useI18n } from "../../i18n";
import { label, options, staffRoleLabels } from "../../labels";
import type { GridStaff, StaffRole } from "../../types";

const ROLES: StaffRole[] = ["leader", "assistant", "informant", "officer"];

interface Props {
  gridId: string;
  staff: GridStaff[];
  canEdit: boolean;
}

export function GridStaffTabs({ gridId, staff, canEdit }: Props) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [adding, setAdding] = useState<StaffRole | null>(null);
  const [form] = Form.useForm<{ role: StaffRole; name: string; title?: string }>();

  const add = useMutation({
    mutationFn: (body: { role: StaffRole; name: string; title?: string }) => api.post(`/api/grids/${gridId}/staff`, body),
    onSuccess: () => {
      message.success(t("saved"));
      setAdding(null);
      form.resetFields();
      qc.invalidateQueries({ queryKey: ["grid", gridId] });
    },
    onError: (e) => {
      applyServerErrors(form, e, ["role", "name", "title"]);
      message.error(e.message);
    },
  });
  const remove = useMutation({
    mutationFn: (staffId: string) => api.del(`/api/grids/${gridId}/staff/${staffId}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["grid", gridId] }),
    onError: (e) => message.error(e.message),
  });

  const items = ROLES.map((role) => {
    const list = staff.filter((s) => s.role === role);
    return {
      key: role,
      label: `${label(staffRoleLabels, role, lang)} (${list.length})`,
      children: (
        <SimpleList
          items={list}
          rowKey={(s) => s.id}
          emptyText={t("noData")}
          render={(s) => (
            <Space style={{ width: "100%", justifyContent: "space-between" }}>
              <span>
                <Typography.Text strong>{s.name}</Typography.Text>
                {s.title && <Typography.Text type="secondary"> · {s.title}</Typography.Text>}
              </span>
              {canEdit && (
                <Popconfirm title={t("confirmDelete")} onConfirm={() => remove.mutate(s.id)}>
                  <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t("delete")} />
                </Popconfirm>
              )}
            </Space>
          )}
          footer={
            canEdit ? (
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => {
                  form.setFieldsValue({ role, name: "", title: "" });
                  setAdding(role);
                }}
              >
                {t("addStaff")}
              </Button>
            ) : undefined
          }
        />
      ),
    };
  });

  return (
    <>
      <Tabs items={items} size="small" />
      <Modal
        open={adding !== null}
        title={t("addStaff")}
        onCancel={() => setAdding(null)}
        onOk={() => form.submit()}
        confirmLoading={add.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => add.mutate({ ...v, title: v.title || undefined })}>
          <Form.Item name="role" label={t("staffRole")} rules={[{ required: true }]}>
            <Select options={options(staffRoleLabels, lang)} />
          </Form.Item>
          <Form.Item name="name" label={t("residentName")} rules={[{ required: true, message: t("requiredField") }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="title" label={t("staffTitle")}>
            <Input maxLength={50} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
