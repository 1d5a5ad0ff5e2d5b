// Acting on an order: every action sends the version the user saw; a 409 `conflict` means someone
// else acted first, so the order is reloaded and the user told.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App } from "antd";
import { ApiError, api } from "../../api";
import { useI18n } from "../../i18n";
import type { OrderAction } from "../../types";
import { orderKey } from "./queries";

export interface ActInput {
  note?: string | null;
  unitId?: string | null;
  resolved?: boolean;
  satisfaction?: "satisfied" | "basic" | "dissatisfied";
  reason?: string | null;
  days?: number;
  extensionId?: string;
  approve?: boolean;
  urgency?: "normal" | "urgent" | "very_urgent";
  replyHours?: number;
  intoId?: string;
  answer?: string | null;
}

export function isConflict(e: unknown): boolean {
  return e instanceof ApiError && e.status === 409 && e.code === "conflict";
}

export function useOrderAction(orderId: string, onDone?: () => void) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const refresh = () => {
    qc.invalidateQueries({ queryKey: orderKey(orderId) });
    qc.invalidateQueries({ queryKey: ["orders"] });
    qc.invalidateQueries({ queryKey: ["order-whistle", orderId] });
    qc.invalidateQueries({ queryKey: ["notifications"] });
  };
  return useMutation({
    mutationFn: ({ action, version, input }: { action: OrderAction; version: number; input: ActInput }) =>
      api.post<{ id: string; status: string; version: number }>(`/api/orders/${orderId}/actions/${action}`, {
        version,
        ...input,
      }),
    onSuccess: () => {
      message.success(t("actionDone"));
      refresh();
      onDone?.();
    },
    onError: (e) => {
      if (isConflict(e)) {
        message.warning(`${e.message} ${t("conflictRefetched")}`);
        refresh();
        onDone?.();
      }
    },
  });
}
