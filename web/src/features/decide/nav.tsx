// Menu entry of the resident's hub.
import { CommentOutlined } from "@ant-design/icons";
import type { NavItem } from "../../layout/AppLayout";

export const decideNav: NavItem[] = [
  { path: "/decide", key: "navDecideHub", icon: <CommentOutlined />, perm: "decide.participate", residents: true },
];
