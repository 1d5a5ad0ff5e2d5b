import { Empty } from "antd";
import type { CSSProperties, ReactNode } from "react";

interface Props<T> {
  items: T[];
  rowKey: (item: T) => string;
  render: (item: T) => ReactNode;
  /** Shown at the end of the rows (inside the list frame). */
  footer?: ReactNode;
  emptyText?: ReactNode;
  style?: CSSProperties;
}

const rowStyle: CSSProperties = { padding: "8px 0", borderBottom: "1px solid rgba(5,5,5,0.06)" };

/** Minimal list of rows with dividers (antd's List is deprecated in v6). */
export function SimpleList<T>({ items, rowKey, render, footer, emptyText, style }: Props<T>) {
  return (
    <div style={style}>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />
      ) : (
        items.map((item) => (
          <div key={rowKey(item)} style={rowStyle}>
            {render(item)}
          </div>
        ))
      )}
      {footer && <div style={{ paddingTop: 8 }}>{footer}</div>}
    </div>
  );
}
