// Residents decide: practical projects (实事项目) and agreements (三约).
export const name = "0007_projects";

export const up: string[] = [];
