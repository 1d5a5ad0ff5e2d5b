// The owner of a flat, for owners' votes (art. 278): shown on the household page, set by staff who
// run votes. Without an explicit owner the household head counts as the owner.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Space, Tag } from "antd";
import { useState } from "react";
import { api } from "../../api";
import { usePermissions } from "../../auth/useMe";
import { useI18n } from "../../i18n";
import { ResidentSearch } from "../deliberation/ui";

type OwnerRow = { householdId: string; ownerResidentId: string | null; ownerName: string | null; explicit: boolean };

export function OwnerField({ householdId, gridId }: { householdId: string; gridId: string }) {
  const { t } = useI18n();
  const { can } = usePermissions();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [picked, setPicked] = useState<string | undefined>();
  const key = ["household-owner", householdId];
  const q = useQuery({
    queryKey: key,
    queryFn: () =>
      api.get<{ items: OwnerRow[] }>("/api/decide/owners", { areaId: gridId, householdId, pageSize: 1 }).then((r) => r.items[0]),
    enabled: can("decide.read"),
  });
  const save = useMutation({
    mutationFn: (residentId: string | null) => api.put(`/api/decide/households/${householdId}/owner`, { residentId }),
    onSuccess: () => {
      message.success(t("saved"));
      setEditing(false);
      qc.invalidateQueries({ queryKey: key });
    },
    onError: (e) => message.error(e.message),
  });
  if (!can("decide.read")) return null;
  const row = q.data;
  if (editing) {
    return (
      <Space wrap>
        <div style={{ minWidth: 260 }}>
          <ResidentSearch value={picked} onChange={setPicked} />
        </div>
        <Button
          type="primary"
          size="small"
          disabled={!picked}
          loading={save.isPending}
          onClick={() => save.mutate(picked ?? null)}
        >
          {t("save")}
        </Button>
        <Button size="small" onClick={() => save.mutate(null)}>
          {t("ownerUseHead")}
        </Button>
        <Button size="small" type="link" onClick={() => setEditing(false)}>
          {t("cancel")}
        </Button>
      </Space>
    );
  }
  return (
    <Space wrap>
      <span data-testid="household-owner">{row?.ownerName ?? "-"}</span>
      {row && !row.explicit && <Tag>{t("ownerIsHead")}</Tag>}
      {can("decide.manage") && (
        <Button size="small" type="link" onClick={() => setEditing(true)}>
          {t("edit")}
        </Button>
      )}
    </Space>
  );
}
