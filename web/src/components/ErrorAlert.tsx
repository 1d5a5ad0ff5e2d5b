import { Alert } from "antd";
import { ApiError } from "../api";

export function ErrorAlert({ error, extra }: { error: unknown; extra?: string[] }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const details = error instanceof ApiError ? error.details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)) : [];
  const lines = extra ?? details;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={message}
      description={
        lines.length ? (
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {lines.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
